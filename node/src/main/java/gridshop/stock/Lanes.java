package gridshop.stock;

import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.StockSliceCache;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Which lane this node sells from: among the lanes whose partition it is primary for, the lowest whose backup is the
 * node after it in a ring of the server nodes (by consistent id), else the lowest of them. The ring spreads the
 * backups of the nodes' lanes (and of the sessions placed beside them, {@link Escrow#preferred}) evenly. Worked out
 * again every {@value #RECHECK_MS} ms: a node that joins becomes primary only once it holds its partitions, which
 * changes the primaries without a new topology version. A node primary for no lane (more nodes than lanes, or during
 * a rebalance) has none, and its checkouts lock the stock rows as without escrow.
 */
final class Lanes {
    private static final long RECHECK_MS = 500;
    private final Ignite ignite;
    private final Affinity<SliceKey> affinity;
    private volatile long checkedAt = System.nanoTime() - 10 * RECHECK_MS * 1_000_000;
    private volatile int home = -1;
    private volatile UUID homeBackup;

    Lanes(Ignite ignite) {
        this.ignite = ignite;
        this.affinity = ignite.affinity(StockSliceCache.NAME);
    }

    int home() {
        check();
        return home;
    }

    /** The node holding the backup of this node's lane (null: none, or no lane). */
    UUID homeBackup() {
        check();
        return homeBackup;
    }

    private void check() {
        long now = System.nanoTime();
        if (now - checkedAt <= RECHECK_MS * 1_000_000) {
            return;
        }
        ClusterNode local = ignite.cluster().localNode();
        List<ClusterNode> ring = ignite.cluster().forServers().nodes().stream()
            .sorted(Comparator.comparing(n -> String.valueOf(n.consistentId()))).toList();
        int at = ring.indexOf(local);
        UUID next = ring.size() < 2 || at < 0 ? null : ring.get((at + 1) % ring.size()).id();
        int first = -1;
        int ringLane = -1;
        UUID firstBackup = null;
        for (int lane = 0; lane < StockSliceCache.LANES && ringLane < 0; lane++) {
            Collection<ClusterNode> owners = affinity.mapKeyToPrimaryAndBackups(new SliceKey(0, lane));
            if (owners.isEmpty() || !owners.iterator().next().isLocal()) {
                continue;
            }
            UUID backup = owners.stream().skip(1).findFirst().map(ClusterNode::id).orElse(null);
            if (first < 0) {
                first = lane;
                firstBackup = backup;
            }
            if (next != null && next.equals(backup)) {
                ringLane = lane;
            }
        }
        home = ringLane >= 0 ? ringLane : first;
        homeBackup = ringLane >= 0 ? next : firstBackup;
        checkedAt = now;
    }

    /** The lanes this node is primary for now. */
    int[] localLanes() {
        ClusterNode local = ignite.cluster().localNode();
        return IntStream.range(0, StockSliceCache.LANES).filter(lane -> affinity.isPrimary(local, new SliceKey(0, lane))).toArray();
    }

    int servers() {
        return Math.max(1, ignite.cluster().forServers().nodes().size());
    }
}
