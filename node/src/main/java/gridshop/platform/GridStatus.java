package gridshop.platform;

import gridshop.grid.platform.WriteJournalCache;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.grid.node.GridNodeConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;

/**
 * What the node can say about the grid and the write-behind, for health, metrics and back-pressure. Past
 * {@code gridshop.write-behind.max-pending} unflushed writes (PostgreSQL down or too slow), business writes
 * answer 503 instead of filling memory.
 */
@GridMode
@Singleton
public final class GridStatus {
    private final Ignite ignite;
    private final WriteBehindFlusher flusher;
    private final List<BackgroundLoop> loops;
    private final Quorum quorum;
    private final LostPartitionRecovery recovery;
    private final LeaseFence fence;
    private final long maxPending;
    private final double memoryLimit;
    private final long regionBytes;
    private volatile double memoryUsed;
    private final Ticker memorySampler;

    GridStatus(Ignite ignite, WriteBehindFlusher flusher, List<BackgroundLoop> loops, Quorum quorum,
               LostPartitionRecovery recovery, WriteBehindProperties props, GridProperties grid, LeaseFence fence) {
        this.recovery = recovery;
        this.fence = fence;
        this.ignite = ignite;
        this.flusher = flusher;
        this.loops = loops;
        this.quorum = quorum;
        this.maxPending = props.maxPending();
        this.memoryLimit = grid.dataRegionWriteLimit();
        this.regionBytes = grid.dataRegionMb() << 20;
        this.memorySampler = new Ticker("gridshop-memory-sampler", Duration.ofSeconds(1), this::sampleMemory);
    }

    @PreDestroy
    void close() {
        memorySampler.close();
    }

    /** How full this node's data region is, sampled once a second off the request threads. */
    private void sampleMemory() {
        try {
            DataRegionMetrics m = ignite.dataRegionMetrics(GridNodeConfiguration.DATA_REGION);
            memoryUsed = m == null ? 0 : (double) m.getTotalUsedSize() / regionBytes;
        } catch (RuntimeException e) {
            memoryUsed = 0;
        }
    }

    /** Share of this node's off-heap data region in use (0..1). */
    public double memoryUsed() {
        return memoryUsed;
    }

    public int serverNodes() {
        return ignite.cluster().forServers().nodes().size();
    }

    public long pendingWrites() {
        return flusher.clusterPending();
    }

    public int deadLetters() {
        return flusher.deadLetterCount();
    }

    /**
     * Partitions held by one node only (every durable cache shares one affinity, so the journal's stands for
     * all): with one node, all of them. kill -9 of that node loses their unflushed writes.
     */
    public int partitionsWithoutBackup() {
        Affinity<Object> affinity = ignite.affinity(WriteJournalCache.NAME);
        int without = 0;
        for (int p = 0; p < affinity.partitions(); p++) {
            if (affinity.mapPartitionToPrimaryAndBackups(p).size() < 2) {
                without++;
            }
        }
        return without;
    }

    /** Partitions whose both copies are gone and not yet reloaded (still lost, or reset and their reload pending). */
    public int lostPartitions() {
        return lostPartitionIds().size();
    }

    /** Which partitions those are, in ascending order. */
    public java.util.Set<Integer> lostPartitionIds() {
        java.util.Set<Integer> ids = new java.util.TreeSet<>(recovery.lost());
        ids.addAll(recovery.pendingReload());
        return ids;
    }

    /** Unflushed writes lost with partitions whose both copies went at once, since the cluster started. */
    public long unflushedWritesLost() {
        return recovery.total().writesLost();
    }

    /** Said while this node's flush rounds fail (PostgreSQL down, read-only, refusing privileges), with the error. */
    public java.util.Optional<String> postgresWarning() {
        return flusher.outage().map(e -> "Writes are not reaching PostgreSQL; they wait in the journal and are retried "
            + "[error=" + e + "]");
    }

    /** Said while this node is in a minority and refuses writes. */
    public java.util.Optional<String> minorityWarning() {
        return quorum.minority() ? java.util.Optional.of("Writes are refused: " + minorityText()) : java.util.Optional.empty();
    }

    private String minorityText() {
        return "this side is a minority (this node sees " + quorum.servers() + " of the " + quorum.stableTopology()
            + " server nodes of the last stable topology" + quorum.majorityLost().map(at -> "; failures took this side's "
                + "majority at " + at + ", so its copies may be stale if it was cut off while the others wrote").orElse("")
            + "). If the network was cut, restart this side's nodes so that they join the others; if the missing nodes "
            + "are gone for good, ops confirm the topology: POST /api/ops/topology/confirm";
    }

    /** Said once another cluster has taken this database's lease from this node's cluster. */
    public java.util.Optional<String> fencedWarning() {
        return fence.reason().map(r -> "Writes are refused and nothing more is written to PostgreSQL: " + r);
    }

    /** Whether a server node that was in the topology of {@code version} has left or failed since. */
    public boolean departedSince(long version) {
        return quorum.departedSince(version);
    }

    /** How long writes are held after a server node fails, in whole seconds (for Retry-After). */
    public int holdSeconds() {
        return quorum.holdSeconds();
    }

    /** Writes committed while a server node failed, held back until this side is known to write. */
    public int heldBackWrites() {
        return flusher.heldBack();
    }

    /** Writes are held after a server node failed ({@link Quorum#unsettled}): background writers wait too. */
    public boolean writesHeld() {
        return quorum.unsettled().isPresent();
    }

    /** The background loops that have stopped or hang. */
    public List<String> stoppedLoops() {
        List<String> stopped = new ArrayList<>();
        loops.forEach(l -> {
            if (!l.alive()) {
                stopped.add(l.name());
            }
        });
        return stopped;
    }

    /**
     * Call before a business write: in a minority (see {@link Quorum}), past the journal bound, or with this node's data region fuller than
     * {@code gridshop.grid.data-region-write-limit}, the write answers 503 (reads go on) instead of the node
     * failing when the region is full.
     */
    public void admitWrite() {
        fence.reason().ifPresent(r -> {
            throw ApiException.unavailable("Writes are refused: " + r, 30);
        });
        if (quorum.minority()) {
            throw ApiException.unavailable("Writes are refused: " + minorityText(), 10);
        }
        // Not within the failure-detection time after a server node failed: a node cut off from several others detects
        // them one at a time (hundreds of ms apart), and between two detections still counts a majority; a write
        // that waited for a backup across the cut is granted once that one backup is seen gone, and would commit on
        // a minority alone (docs/faults.md, seeds 3941185121755190297 and 2652812015392409049). 503 rather than a
        // wait, so the transaction rolls back and frees its locks: the exchange after a failure waits for them.
        quorum.unsettled().ifPresent(r -> {
            throw ApiException.unavailable("Writes are refused: " + r, quorum.holdSeconds());
        });
        long pending = flusher.clusterPending();
        if (pending > maxPending) {
            throw ApiException.unavailable("Writes are paused: " + pending
                + " changes are waiting to be written to PostgreSQL [maxPending=" + maxPending + "]", 5);
        }
        double used = memoryUsed;
        if (used > memoryLimit) {
            throw ApiException.unavailable(String.format("Writes are paused: the node's grid memory is %.1f %% full "
                + "[limit=%.1f %%, regionMb=%d]", used * 100, memoryLimit * 100, regionBytes >> 20), 10);
        }
    }
}
