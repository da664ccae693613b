package gridshop.grid.catalog;

import gridshop.grid.platform.Versions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;

/**
 * Units of one product lent to one lane (escrow): a checkout on the lane's primary sells from {@code balance} alone,
 * in a transaction that locks nothing on another node, and counts the sale here ({@code unsettledUnits},
 * {@code unsettledRevenue}) until it is settled into the product's {@link Stock} row. The {@link Stock} row counts
 * every unit a slice holds, sold or not, as {@code leased}, so the slices never hold more than the stock.
 */
public final class StockSlice implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private long productId;
    private int lane;
    private int balance;
    private long unsettledUnits;
    private BigDecimal unsettledRevenue;
    private long version;
    private Timestamp updatedAt;

    public StockSlice() {
    }

    public StockSlice(long productId, int lane, int balance, long unsettledUnits, BigDecimal unsettledRevenue, long version,
                      Timestamp updatedAt) {
        this.productId = productId;
        this.lane = lane;
        this.balance = balance;
        this.unsettledUnits = unsettledUnits;
        this.unsettledRevenue = unsettledRevenue;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    /** A lane's slice before anything was lent to it. */
    public static StockSlice empty(SliceKey key) {
        return new StockSlice(key.productId(), key.lane(), 0, 0, BigDecimal.ZERO.setScale(2), 0, null);
    }

    public SliceKey key() {
        return new SliceKey(productId, lane);
    }

    /** {@code units} sold from the balance for {@code amount}; settled into the stock row later. */
    public StockSlice sold(int units, BigDecimal amount, Timestamp at) {
        if (units > balance) {
            throw new IllegalStateException("slice " + key() + " holds " + balance + " units, " + units + " asked");
        }
        return new StockSlice(productId, lane, balance - units, unsettledUnits + units, unsettledRevenue().add(amount),
            Versions.next(version), at);
    }

    /** {@code units} more lent from the stock row. */
    public StockSlice lent(int units, Timestamp at) {
        return new StockSlice(productId, lane, balance + units, unsettledUnits, unsettledRevenue(), Versions.next(version), at);
    }

    /** The sales counted into the stock row, and the balance given back to it. */
    public StockSlice settledAndReturned(boolean returnBalance, Timestamp at) {
        return new StockSlice(productId, lane, returnBalance ? 0 : balance, 0, BigDecimal.ZERO.setScale(2),
            Versions.next(version), at);
    }

    /** Units this slice holds of the stock row's {@code leased}: its balance and its unsettled sales. */
    public long held() {
        return balance + unsettledUnits;
    }

    public long productId() { return productId; }
    public int lane() { return lane; }
    public int balance() { return balance; }
    public long unsettledUnits() { return unsettledUnits; }
    public BigDecimal unsettledRevenue() { return unsettledRevenue == null ? BigDecimal.ZERO.setScale(2) : unsettledRevenue; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
