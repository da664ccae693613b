package gridshop.grid.catalog;

import gridshop.grid.platform.Versions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;

/**
 * Units available for one product, in cache {@code inventory} under the product's id (same partition), and what
 * the product has sold so far: units and revenue, the sums of its order lines. Checkout adds to them in the
 * transaction that takes the units (it locks and writes this row anyway), so that an analyst's top products read
 * one row per product instead of every order line.
 *
 * <p>With escrow on ({@link StockSlice}), {@code leased} units of {@code available} are lent to lanes: what a
 * lane sells is counted here once it is settled, and until then the lane holds it. The units no lane holds,
 * {@link #reserve()}, are what this row itself may sell or lend; {@code lanes} has a bit for each lane lent to.
 */
public final class Stock implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    // Still 2: leased and lanes were added compatibly, so a spill written before them reads as nothing lent.
    private static final long serialVersionUID = 2L;
    private long productId;
    private int available;
    private long unitsSold;
    private BigDecimal revenue;
    private long version;
    private Timestamp updatedAt;
    private int leased;
    private long lanes;

    public Stock() {
    }

    /** A product's stock before anything was sold. */
    public Stock(long productId, int available, long version, Timestamp updatedAt) {
        this(productId, available, 0, BigDecimal.ZERO.setScale(2), version, updatedAt);
    }

    public Stock(long productId, int available, long unitsSold, BigDecimal revenue, long version, Timestamp updatedAt) {
        this(productId, available, unitsSold, revenue, version, updatedAt, 0, 0L);
    }

    public Stock(long productId, int available, long unitsSold, BigDecimal revenue, long version, Timestamp updatedAt,
                 int leased, long lanes) {
        this.leased = leased;
        this.lanes = lanes;
        this.productId = productId;
        this.available = available;
        this.unitsSold = unitsSold;
        this.revenue = revenue;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    /** The level set by hand (a merchant's count); what was sold stays. Every lent unit must be back first. */
    public Stock withAvailable(int units, Timestamp at) {
        if (leased != 0) {
            throw new IllegalStateException("stock of product " + productId + " set to " + units + " while " + leased
                + " units are lent to lanes");
        }
        return new Stock(productId, units, unitsSold, revenue(), Versions.next(version), at, 0, 0L);
    }

    /** {@code units} sold for {@code amount} (the order lines' totals): taken from the reserve, added to the sales. */
    public Stock sold(int units, BigDecimal amount, Timestamp at) {
        if (units > reserve()) {
            throw new IllegalStateException("product " + productId + " has " + reserve() + " units unlent, " + units + " sold");
        }
        return new Stock(productId, available - units, unitsSold + units, revenue().add(amount), Versions.next(version), at,
            leased, lanes);
    }

    /** {@code units} of the reserve lent to {@code lane}. */
    public Stock lent(int units, int lane, Timestamp at) {
        if (units > reserve()) {
            throw new IllegalStateException("product " + productId + " has " + reserve() + " units unlent, " + units + " lent");
        }
        return new Stock(productId, available, unitsSold, revenue(), Versions.next(version), at, leased + units,
            lanes | (1L << lane));
    }

    /**
     * A lane's sales counted in ({@code units} for {@code amount}: taken from the stock, added to the sales) and
     * {@code returned} units of its balance given back to the reserve; both leave {@code leased}.
     */
    public Stock settled(long units, BigDecimal amount, int returned, Timestamp at) {
        // Never below 0: a lane holding more than the row counts as lent, or selling more than the row still has (its
        // lend was lost with the row's partition, which came back older), is a fault the caller reports (Settles).
        return new Stock(productId, (int) Math.max(0, available - units), unitsSold + units, revenue().add(amount), Versions.next(version),
            at, (int) Math.max(0, leased - units - returned), lanes);
    }

    /** The row with {@code leased} set to what its lanes were found to hold (a repair after a fault; see Escrow). */
    public Stock withLeased(int units) {
        return new Stock(productId, available, unitsSold, revenue(), version, updatedAt, units, lanes);
    }

    /** The lanes lent to, {@code lanes} of them cleared (their slices hold nothing any more). */
    public Stock withoutLanes(long cleared) {
        return new Stock(productId, available, unitsSold, revenue(), version, updatedAt, leased, lanes & ~cleared);
    }

    /** Units no lane holds: what this row may sell or lend. */
    public int reserve() { return available - leased; }
    public int leased() { return leased; }
    public long lanes() { return lanes; }

    public long productId() { return productId; }
    public int available() { return available; }
    public long unitsSold() { return unitsSold; }
    /** Never null: rows written before the sales columns existed read as nothing sold. */
    public BigDecimal revenue() { return revenue == null ? BigDecimal.ZERO.setScale(2) : revenue; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
