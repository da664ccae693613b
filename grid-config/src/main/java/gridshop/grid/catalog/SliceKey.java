package gridshop.grid.catalog;

import java.io.Serializable;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * One product's slice of stock in one lane ({@link StockSliceCache}). The lane is the affinity key: lane {@code n}
 * lives in partition {@code n}, so every slice of a lane shares that partition's primary and backup, and a checkout
 * on that primary takes units from its lane without a remote lock.
 */
public final class SliceKey implements Serializable, Comparable<SliceKey> {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private long productId;
    @AffinityKeyMapped
    private int lane;

    public SliceKey() {
    }

    public SliceKey(long productId, int lane) {
        this.productId = productId;
        this.lane = lane;
    }

    public long productId() { return productId; }
    public int lane() { return lane; }

    @Override
    public int compareTo(SliceKey o) {
        int c = Long.compare(productId, o.productId);
        return c != 0 ? c : Integer.compare(lane, o.lane);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceKey k && k.productId == productId && k.lane == lane;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(productId) * 31 + lane;
    }

    @Override
    public String toString() {
        return productId + "@" + lane;
    }
}
