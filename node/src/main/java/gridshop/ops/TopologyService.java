package gridshop.ops;

import gridshop.api.ops.TopologyResponse;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.platform.GridMode;
import gridshop.platform.GridStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The topology of the live grid: every server node reports itself (one compute job each, bounded in time), this
 * node adds the partition map from the affinity and the cluster-wide counts. One answer serves every caller for
 * a second, so many open consoles cost one report per node per second at most.
 */
@GridMode
@Singleton
public final class TopologyService {
    private static final long REPORT_TIMEOUT_MS = 5_000;
    private static final long FRESH_MS = 1_000;
    private final Ignite ignite;
    private final GridStatus status;
    private final TopologyEvents events;
    private TopologyResponse last;

    TopologyService(Ignite ignite, GridStatus status, TopologyEvents events) {
        this.ignite = ignite;
        this.status = status;
        this.events = events;
    }

    public synchronized TopologyResponse topology() {
        if (last == null || System.currentTimeMillis() - last.at() > FRESH_MS) {
            last = build();
        }
        return last;
    }

    private TopologyResponse build() {
        long now = System.currentTimeMillis();
        long version = ignite.cluster().topologyVersion();
        List<NodeReport> reports = reports();
        String localId = ignite.cluster().localNode().id().toString();
        List<TopologyResponse.Node> nodes = new ArrayList<>();
        Map<String, Long> pending = new HashMap<>();
        Map<String, Long> oldestAt = new HashMap<>();
        TreeSet<Integer> moving = new TreeSet<>();
        long outbox = 0;
        for (NodeReport r : reports) {
            Map<String, TopologyResponse.Entries> caches = new HashMap<>();
            r.caches().forEach((name, n) -> caches.put(name, new TopologyResponse.Entries(n[0], n[1])));
            nodes.add(new TopologyResponse.Node(r.id(), r.consistentId(), r.host(), r.httpPort(), r.id().equals(localId),
                r.uptimeMs(), r.heapUsed(), r.heapMax(), r.offHeapUsed(), r.offHeapMax(), r.cpuLoad(),
                r.primaryPartitions(), r.backupPartitions(), caches, r.pendingWrites(), r.outbox()));
            r.pending().forEach((c, n) -> pending.merge(c, n, Long::sum));
            r.oldestAt().forEach((c, at) -> oldestAt.merge(c, at, Math::min));
            moving.addAll(r.moving());
            outbox += r.outbox();
        }
        nodes.sort((a, b) -> a.consistentId().compareTo(b.consistentId()));
        List<TopologyResponse.Cache> caches = new ArrayList<>();
        for (String name : new TreeSet<>(ignite.cacheNames())) {
            CacheConfiguration<?, ?> cfg = ignite.cache(name).getConfiguration(CacheConfiguration.class);
            Long at = oldestAt.get(name);
            caches.add(new TopologyResponse.Cache(name, cfg.getCacheMode().name(), cfg.getBackups(),
                size(name), pending.getOrDefault(name, 0L), at == null ? 0 : Math.max(0, now - at)));
        }
        List<Integer> lost = new ArrayList<>(status.lostPartitionIds());
        return new TopologyResponse(ignite.cluster().state().name(), version, now, nodes, caches, outbox,
            status.deadLetters(), lost.size(), status.partitionsWithoutBackup(),
            new TopologyResponse.Rebalancing(!moving.isEmpty(), moving.size()), events.recent(),
            partitionMap(nodes, lost, moving), status.unflushedWritesLost());
    }

    private long size(String cache) {
        try {
            return ignite.cache(cache).sizeLong(CachePeekMode.PRIMARY);
        } catch (IgniteException e) {
            return -1; // a cache with lost partitions cannot be counted whole
        }
    }

    /** One report per server node; a node that leaves while asked is retried without it. */
    private List<NodeReport> reports() {
        IgniteException failed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Collection<NodeReport> all = ignite.compute(ignite.cluster().forServers())
                    .withTimeout(REPORT_TIMEOUT_MS).broadcast(new NodeReport.Job());
                return new ArrayList<>(all);
            } catch (IgniteException e) {
                failed = e;
            }
        }
        throw failed;
    }

    private TopologyResponse.PartitionMap partitionMap(List<TopologyResponse.Node> nodes, List<Integer> lost,
                                                       TreeSet<Integer> moving) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).id(), i);
        }
        Affinity<Object> affinity = ignite.affinity(WriteJournalCache.NAME);
        List<int[]> owners = new ArrayList<>(affinity.partitions());
        for (int p = 0; p < affinity.partitions(); p++) {
            Collection<ClusterNode> copies = affinity.mapPartitionToPrimaryAndBackups(p);
            owners.add(copies.stream().map(n -> index.get(n.id().toString())).filter(i -> i != null)
                .mapToInt(Integer::intValue).toArray());
        }
        return new TopologyResponse.PartitionMap(affinity.partitions(), owners, lost, new ArrayList<>(moving));
    }
}
