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
 */
public final class Stock implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 2L;
    private long productId;
    private int available;
    private long unitsSold;
    private BigDecimal revenue;
    private long version;
    private Timestamp updatedAt;

    public Stock() {
    }

    /** A product's stock before anything was sold. */
    public Stock(long productId, int available, long version, Timestamp updatedAt) {
        this(productId, available, 0, BigDecimal.ZERO.setScale(2), version, updatedAt);
    }

    public Stock(long productId, int available, long unitsSold, BigDecimal revenue, long version, Timestamp updatedAt) {
        this.productId = productId;
        this.available = available;
        this.unitsSold = unitsSold;
        this.revenue = revenue;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    /** The level set by hand (a merchant's count); what was sold stays. */
    public Stock withAvailable(int units, Timestamp at) {
        return new Stock(productId, units, unitsSold, revenue(), Versions.next(version), at);
    }

    /** {@code units} sold for {@code amount} (the order lines' totals): taken from the stock, added to the sales. */
    public Stock sold(int units, BigDecimal amount, Timestamp at) {
        return new Stock(productId, available - units, unitsSold + units, revenue().add(amount), Versions.next(version), at);
    }

    public long productId() { return productId; }
    public int available() { return available; }
    public long unitsSold() { return unitsSold; }
    /** Never null: rows written before the sales columns existed read as nothing sold. */
    public BigDecimal revenue() { return revenue == null ? BigDecimal.ZERO.setScale(2) : revenue; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
