package gridshop.grid.catalog;

import java.io.Serializable;
import java.sql.Timestamp;

/** Units available for one product, in cache {@code inventory} under the product's id (same partition). */
public final class Stock implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private long productId;
    private int available;
    private long version;
    private Timestamp updatedAt;

    public Stock() {
    }

    public Stock(long productId, int available, long version, Timestamp updatedAt) {
        this.productId = productId;
        this.available = available;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public Stock withAvailable(int units, Timestamp at) {
        return new Stock(productId, units, version + 1, at);
    }

    public long productId() { return productId; }
    public int available() { return available; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
