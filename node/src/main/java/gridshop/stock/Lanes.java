package gridshop.stock;

import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.StockSliceCache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Which lane this node sells from: the lowest lane whose partition it is primary for, worked out again every
 * {@value #RECHECK_MS} ms (a node that joins becomes primary only once it holds its partitions, which changes the
 * primaries without a new topology version). A node that is primary for no lane (more nodes than lanes, or during a rebalance) has none,
 * and its checkouts lock the stock rows as without escrow.
 */
final class Lanes {
    private final Ignite ignite;
    private final Affinity<SliceKey> affinity;
    private static final long RECHECK_MS = 500;
    private volatile long checkedAt = System.nanoTime() - 10 * RECHECK_MS * 1_000_000;
    private volatile int home = -1;

    Lanes(Ignite ignite) {
        this.ignite = ignite;
        this.affinity = ignite.affinity(StockSliceCache.NAME);
    }

    int home() {
        long now = System.nanoTime();
        if (now - checkedAt > RECHECK_MS * 1_000_000) {
            ClusterNode local = ignite.cluster().localNode();
            int found = -1;
            for (int lane = 0; lane < StockSliceCache.LANES && found < 0; lane++) {
                if (affinity.isPrimary(local, new SliceKey(0, lane))) {
                    found = lane;
                }
            }
            home = found;
            checkedAt = now;
        }
        return home;
    }

    /** The partitions of the lanes this node is primary for now. */
    int[] localLanes() {
        ClusterNode local = ignite.cluster().localNode();
        return java.util.stream.IntStream.range(0, StockSliceCache.LANES)
            .filter(lane -> affinity.isPrimary(local, new SliceKey(0, lane))).toArray();
    }

    int servers() {
        return Math.max(1, ignite.cluster().forServers().nodes().size());
    }
}
