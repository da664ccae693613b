package gridshop.ops;

import gridshop.grid.events.OutboxCache;
import gridshop.grid.node.GridNodeConfiguration;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.platform.WriteJournalCache;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * What one server node says of itself, computed on that node (its local entries, its journal, its memory) and
 * sent to the node that answers {@code GET /api/ops/topology}.
 *
 * @param caches      per cache: entries this node holds as primary and as backup
 * @param pending     per durable cache: this node's unflushed writes (primary journal entries naming it)
 * @param oldestAt    per durable cache: when the oldest of them was written (epoch ms)
 * @param moving      partitions this node is receiving right now (rebalancing)
 */
final class NodeReport implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String consistentId;
    private final String host;
    private final Integer httpPort;
    private final long uptimeMs;
    private final long heapUsed;
    private final long heapMax;
    private final long offHeapUsed;
    private final long offHeapMax;
    private final double cpuLoad;
    private final int primaryPartitions;
    private final int backupPartitions;
    private final Map<String, long[]> caches;
    private final Map<String, Long> pending;
    private final Map<String, Long> oldestAt;
    private final long outbox;
    private final TreeSet<Integer> moving;

    // A class, not a record: Ignite's marshaller cannot set a record's fields.
    NodeReport(String id, String consistentId, String host, Integer httpPort, long uptimeMs, long heapUsed,
               long heapMax, long offHeapUsed, long offHeapMax, double cpuLoad, int primaryPartitions,
               int backupPartitions, Map<String, long[]> caches, Map<String, Long> pending,
               Map<String, Long> oldestAt, long outbox, TreeSet<Integer> moving) {
        this.id = id;
        this.consistentId = consistentId;
        this.host = host;
        this.httpPort = httpPort;
        this.uptimeMs = uptimeMs;
        this.heapUsed = heapUsed;
        this.heapMax = heapMax;
        this.offHeapUsed = offHeapUsed;
        this.offHeapMax = offHeapMax;
        this.cpuLoad = cpuLoad;
        this.primaryPartitions = primaryPartitions;
        this.backupPartitions = backupPartitions;
        this.caches = caches;
        this.pending = pending;
        this.oldestAt = oldestAt;
        this.outbox = outbox;
        this.moving = moving;
    }

    String id() { return id; }
    String consistentId() { return consistentId; }
    String host() { return host; }
    Integer httpPort() { return httpPort; }
    long uptimeMs() { return uptimeMs; }
    long heapUsed() { return heapUsed; }
    long heapMax() { return heapMax; }
    long offHeapUsed() { return offHeapUsed; }
    long offHeapMax() { return offHeapMax; }
    double cpuLoad() { return cpuLoad; }
    int primaryPartitions() { return primaryPartitions; }
    int backupPartitions() { return backupPartitions; }
    Map<String, long[]> caches() { return caches; }
    Map<String, Long> pending() { return pending; }
    Map<String, Long> oldestAt() { return oldestAt; }
    long outbox() { return outbox; }
    TreeSet<Integer> moving() { return moving; }

    /** The job each server node runs; every node has the same classes, so nothing is deployed. */
    static final class Job implements IgniteCallable<NodeReport> {
        private static final long serialVersionUID = 1L;
        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public NodeReport call() {
            return fresh(ignite);
        }
    }

    private static final long FRESH_MS = 1_000;
    /** The last report of each node in this JVM (tests run several), by Ignite instance name, with its time. */
    private static final java.util.concurrent.ConcurrentHashMap<String, NodeReport> LAST =
        new java.util.concurrent.ConcurrentHashMap<>();
    private transient long madeAt;

    /**
     * This node's report, made at most once a second whoever asks (the topology's job and the metrics' gauges):
     * a report scans the node's journal.
     */
    static NodeReport fresh(Ignite ignite) {
        return LAST.compute(ignite.name(), (name, last) -> {
            long now = System.currentTimeMillis();
            if (last != null && now - last.madeAt <= FRESH_MS) {
                return last;
            }
            NodeReport made = of(ignite);
            made.madeAt = now;
            return made;
        });
    }

    private static NodeReport of(Ignite ignite) {
        ClusterNode local = ignite.cluster().localNode();
        ClusterMetrics m = local.metrics();
        DataRegionMetrics region = ignite.dataRegionMetrics(GridNodeConfiguration.DATA_REGION);
        long offHeapMax = ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize();
        Map<String, long[]> caches = new HashMap<>();
        for (String name : ignite.cacheNames()) {
            IgniteCache<?, ?> c = ignite.cache(name);
            caches.put(name, new long[] {c.localSizeLong(CachePeekMode.PRIMARY), c.localSizeLong(CachePeekMode.BACKUP)});
        }
        Map<String, Long> pending = new HashMap<>();
        Map<String, Long> oldestAt = new HashMap<>();
        WriteJournal.forEachLocalPending(ignite, (cache, key, at) -> {
            pending.merge(cache, 1L, Long::sum);
            oldestAt.merge(cache, at, Math::min);
        });
        int primary = ignite.affinity(WriteJournalCache.NAME).primaryPartitions(local).length;
        int backup = ignite.affinity(WriteJournalCache.NAME).backupPartitions(local).length;
        Object port = local.attribute(GridSettings.HTTP_PORT_ATTRIBUTE);
        return new NodeReport(local.id().toString(), String.valueOf(local.consistentId()),
            local.addresses().stream().findFirst().orElse("?"), port instanceof Integer p ? p : null, m.getUpTime(),
            m.getHeapMemoryUsed(), m.getHeapMemoryMaximum(), region == null ? 0 : region.getTotalUsedSize(), offHeapMax,
            Math.max(0, m.getCurrentCpuLoad()), primary, backup, caches, pending, oldestAt,
            ignite.cache(OutboxCache.NAME).localSizeLong(CachePeekMode.PRIMARY), moving(ignite));
    }

    /** Partitions of any durable cache this node holds in state MOVING: being copied to it now. */
    private static TreeSet<Integer> moving(Ignite ignite) {
        TreeSet<Integer> moving = new TreeSet<>();
        for (String name : GridNodeConfiguration.durableCacheNames()) {
            var cache = ((IgniteEx) ignite).cachex(name);
            if (cache == null) {
                continue;
            }
            for (GridDhtLocalPartition p : cache.context().topology().localPartitions()) {
                if (p.state() == GridDhtPartitionState.MOVING) {
                    moving.add(p.id());
                }
            }
        }
        return moving;
    }

    long pendingWrites() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }
}
