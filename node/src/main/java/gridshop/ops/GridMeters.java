package gridshop.ops;

import gridshop.grid.node.GridNodeConfiguration;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.platform.GridMode;
import gridshop.platform.GridStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * The grid's meters for Prometheus, per node: entries per cache and copy, cache hits and misses (the session
 * cache's are the session hit rate), unflushed writes and the age of the oldest per cache, flush batches, rows,
 * latency and failures, dead letters, outbox, partitions without backup or lost, the quorum, grid memory, and
 * Ignite's own: transactions, messages to other nodes, partition map exchange, rebalancing. Values that need a
 * look at the node's journal come from the node's {@link NodeReport}, made at most once a second.
 */
@GridMode
@Context
final class GridMeters {
    private final Ignite ignite;

    GridMeters(Ignite ignite, MeterRegistry registry, GridStatus status, WriteBehindFlusher flusher) {
        this.ignite = ignite;
        for (String cache : ignite.cacheNames()) {
            gauge(registry, "gridshop.cache.entries", "Entries this node holds of a cache", r -> r.caches().get(cache)[0],
                "cache", cache, "copy", "primary");
            gauge(registry, "gridshop.cache.entries", "Entries this node holds of a cache", r -> r.caches().get(cache)[1],
                "cache", cache, "copy", "backup");
            FunctionCounter.builder("gridshop.cache.gets", ignite, i -> i.cache(cache).localMetrics().getCacheHits())
                .description("Reads of a cache on this node that found their key").tags("cache", cache, "result", "hit")
                .register(registry);
            FunctionCounter.builder("gridshop.cache.gets", ignite, i -> i.cache(cache).localMetrics().getCacheMisses())
                .description("Reads of a cache on this node that did not find their key").tags("cache", cache, "result", "miss")
                .register(registry);
        }
        for (String cache : GridNodeConfiguration.durableCacheNames()) {
            gauge(registry, "gridshop.writes.pending", "Writes not yet in PostgreSQL, of partitions this node is primary for",
                r -> r.pending().getOrDefault(cache, 0L), "cache", cache);
            gauge(registry, "gridshop.writes.oldest.pending.seconds", "Age of the oldest write not yet in PostgreSQL (0: none)",
                r -> {
                    Long at = r.oldestAt().get(cache);
                    return at == null ? 0 : Math.max(0, System.currentTimeMillis() - at) / 1000.0;
                }, "cache", cache);
        }
        gauge(registry, "gridshop.outbox.events", "Domain events waiting for Kafka, of partitions this node is primary for",
            r -> r.outbox());
        gauge(registry, "gridshop.rebalancing.partitions", "Partitions being copied to this node now", r -> r.moving().size());
        gauge(registry, status, "gridshop.writes.pending.cluster",
            "Writes not yet in PostgreSQL, cluster-wide (sampled each second)", GridStatus::pendingWrites);
        gauge(registry, status, "gridshop.dead.letters",
            "Writes PostgreSQL or Kafka refused, parked for an admin (cluster-wide)", GridStatus::deadLetters);
        gauge(registry, status, "gridshop.partitions.without.backup",
            "Partitions with one copy: kill -9 of its node would lose their unflushed writes", GridStatus::partitionsWithoutBackup);
        gauge(registry, status, "gridshop.partitions.lost",
            "Partitions whose every copy is gone, not yet reloaded from PostgreSQL", GridStatus::lostPartitions);
        FunctionCounter.builder("gridshop.unflushed.writes.lost", status, GridStatus::unflushedWritesLost)
            .description("Unflushed writes lost with partitions whose both copies went at once").register(registry);
        gauge(registry, status, "gridshop.writes.held.back",
            "Writes (journal entries and events) committed while a server node failed, held back until this side is "
                + "known to write", GridStatus::heldBackWrites);
        gauge(registry, status, "gridshop.grid.servers",
            "Server nodes in the topology this node sees", GridStatus::serverNodes);
        gauge(registry, status, "gridshop.grid.minority",
            "1 while this node sees a minority of the last stable topology and refuses writes",
            s -> s.minorityWarning().isPresent() ? 1 : 0);
        gauge(registry, status, "gridshop.grid.memory.used.ratio",
            "Share of this node's data region in use", GridStatus::memoryUsed);
        FunctionCounter.builder("ignite.tx.commits", ignite, i -> i.transactions().metrics().txCommits())
            .description("Transactions committed on this node").register(registry);
        FunctionCounter.builder("ignite.tx.rollbacks", ignite, i -> i.transactions().metrics().txRollbacks())
            .description("Transactions rolled back on this node").register(registry);
        if (ignite.configuration().getCommunicationSpi() instanceof TcpCommunicationSpi comm) {
            // remote hops: divided by the requests served, the messages a request costs the grid
            FunctionCounter.builder("ignite.messages.sent", comm, TcpCommunicationSpi::getSentMessagesCount)
                .description("Messages this node sent to other grid nodes (transactions, locks, backups, jobs)")
                .register(registry);
            FunctionCounter.builder("ignite.messages.received", comm, TcpCommunicationSpi::getReceivedMessagesCount)
                .description("Messages this node received from other grid nodes").register(registry);
        }
        Gauge.builder("ignite.pme.duration.seconds", this, m -> m.pme("Duration") / 1000.0)
            .description("Duration of the partition map exchange in progress (0: none)").register(registry);
        Gauge.builder("ignite.pme.blocked.seconds", this, m -> m.pme("CacheOperationsBlockedDuration") / 1000.0)
            .description("How long cache operations have been blocked by the exchange in progress").register(registry);
        flushMeters(registry, flusher);
    }

    private static void gauge(MeterRegistry registry, GridStatus status, String name, String help,
                              ToDoubleFunction<GridStatus> f) {
        Gauge.builder(name, status, f).description(help).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<NodeReport> f, String... tags) {
        Gauge.builder(name, this, m -> f.applyAsDouble(NodeReport.fresh(m.ignite))).description(help).tags(tags).register(registry);
    }

    private static void flushMeters(MeterRegistry registry, WriteBehindFlusher flusher) {
        Timer batches = Timer.builder("gridshop.flush.batches").description("Write-behind batches written to PostgreSQL")
            .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        Counter entries = Counter.builder("gridshop.flush.entries").description("Journal entries flushed").register(registry);
        Counter rows = Counter.builder("gridshop.flush.rows").description("Rows written to PostgreSQL").register(registry);
        Counter refused = Counter.builder("gridshop.flush.refused.rows").description("Rows PostgreSQL refused (dead letters)")
            .register(registry);
        Counter failures = Counter.builder("gridshop.flush.failures")
            .description("Flush rounds that failed and will be retried (PostgreSQL unreachable, transient errors)").register(registry);
        flusher.listen(new WriteBehindFlusher.FlushListener() {
            @Override
            public void flushed(int n, int written, int refusedRows, long nanos) {
                batches.record(Duration.ofNanos(nanos));
                entries.increment(n);
                rows.increment(written);
                refused.increment(refusedRows);
            }

            @Override
            public void failed(Throwable error) {
                failures.increment();
            }
        });
    }

    private double pme(String metric) {
        ReadOnlyMetricRegistry pme = ((IgniteEx) ignite).context().metric().registry("pme");
        return pme != null && pme.findMetric(metric) instanceof LongMetric m ? m.value() : 0;
    }
}
