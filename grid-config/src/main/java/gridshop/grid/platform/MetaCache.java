package gridshop.grid.platform;

import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code gridshop_meta}: small cluster-wide facts, replicated to every node (for example who loads the
 * grid from PostgreSQL at start-up, and whether that load is done). Lives only as long as the cluster does.
 */
public final class MetaCache {
    public static final String NAME = "gridshop_meta";
    public static final String STARTUP_LOAD = "startup-load";
    /** Followed by a node id: that node's unflushed journal entries per primary partition ("p:n,p:n"), each second. */
    public static final String JOURNAL_PENDING = "journal-pending:";
    /** What partition losses cost so far: "partitions,writesLost,rowsReloaded,lastAtMillis". */
    public static final String PARTITION_LOSS = "partition-loss";
    /** Lost partitions that were reset but whose reload from PostgreSQL has not finished (comma list): retried. */
    public static final String RELOAD_PENDING = "reload-pending";
    /**
     * Set by the nodes of a side that failures left without a majority (it may have been cut off while the others
     * wrote): the side stays without writes, joins or not, until ops confirm. Its value says when and how.
     */
    public static final String QUORUM_LOST = "quorum-lost";
    /**
     * Changed (a new random value) each time ops confirm the topology on some node: every node of the side then takes
     * the topology as it is as its stable one, not only the node the request reached.
     */
    public static final String QUORUM_CONFIRMED = "quorum-confirmed";
    /**
     * When lost partitions were last reloaded from PostgreSQL (a node's clock, millis): their rows may be older than
     * the versions the catalog indexes hold (the writes lost with both copies), so each node's index takes them in.
     */
    public static final String PARTITIONS_RELOADED = "partitions-reloaded";
    /** The epoch under which this cluster holds the database's lease (table cluster_lease). */
    public static final String LEASE_EPOCH = "lease-epoch";
    /**
     * Followed by a spill owner (a node's spill folder): that node has put its spill into PostgreSQL, or had none, so a
     * cluster waiting for its predecessor's members to load need not wait for it.
     */
    public static final String SPILL_CHECKED = "spill-checked:";
    /**
     * The lease this cluster took over from another: "epoch|ended" (without a clean stop), or "epoch|released" if its
     * last node stopped cleanly. A node that comes back with a note of unflushed writes from that epoch learns from it
     * how its cluster ended.
     */
    public static final String LEASE_TAKEN_FROM = "lease-taken-from";
    /**
     * Followed by "epoch:nodeId": a node of that epoch's cluster, back in this one, saw that grid node leave while its
     * side had a majority (from the notes its earlier processes left, see UnflushedNotes): it took over that node's
     * copies, or counted them lost, so what that node noted unflushed is not counted again.
     */
    public static final String OUTLIVED = "outlived:";
    /** The predecessor's members a cluster loaded without (spill-wait ran out), comma list: what they bring is counted. */
    public static final String LOADED_WITHOUT = "loaded-without";

    private MetaCache() {
    }

    /**
     * Merges {@code loss} into the count {@link #PARTITION_LOSS} holds (each figure the larger), atomically; true if the
     * count grew.
     */
    public static boolean mergePartitionLoss(IgniteCache<String, String> meta, PartitionLossTotal loss) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String held = meta.get(PARTITION_LOSS);
            PartitionLossTotal now = PartitionLossTotal.parse(held);
            if (!now.behind(loss)) {
                return false;
            }
            String merged = now.max(loss).format();
            if (held == null ? meta.putIfAbsent(PARTITION_LOSS, merged) : meta.replace(PARTITION_LOSS, held, merged)) {
                return true;
            }
        }
        throw new IllegalStateException("the partition-loss count kept changing while " + loss + " was merged into it");
    }

    public static CacheConfiguration<String, String> configuration() {
        CacheConfiguration<String, String> cfg = new CacheConfiguration<>(NAME);
        cfg.setCacheMode(CacheMode.REPLICATED);
        cfg.setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL);
        cfg.setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
        return cfg;
    }
}
