package gridshop.grid.node;

import gridshop.grid.platform.GridSettings;
import gridshop.grid.security.DatabaseCheck;
import java.time.Duration;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.IgnitionEx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's Ignite server node. Stopping is graceful while other server nodes are up: the node waits until
 * every partition it holds has a copy elsewhere, so a rolling restart never drops the last copy. The wait is
 * bounded; and the last node of a cluster has nowhere to hand its data, so it stops at once (Ignite's own
 * graceful wait would never end there — PostgreSQL already has everything after the final flush), also when it
 * becomes the last while it waits.
 */
public final class GridNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);
    private final Ignite ignite;
    private final Duration gracefulLimit;

    private GridNode(Ignite ignite, Duration gracefulLimit) {
        this.ignite = ignite;
        this.gracefulLimit = gracefulLimit;
    }

    static final String H2_OBJECT_CACHE = "h2.objectCache";
    static final String PAGE_LOCK_TRACKER = "IGNITE_PAGE_LOCK_TRACKER_TYPE";

    public static GridNode start(GridSettings settings, Duration gracefulLimit) {
        // H2's object cache (one process-wide array every SQL value passes through, so that equal values are shared)
        // took a quarter of an analyst scan's time and shares nothing: the grid's rows are not H2's. Ignite 2.17
        // means to turn it off (ConnectionManager sets h2.objectCache=false) but does so after H2 has read its
        // settings, so it stayed on. Off, revenue by category per day on a million order lines went from ~1,050
        // to ~820 ms (docs/benchmarks.md). H2 reads it once, when it first loads; -Dh2.objectCache=true keeps it.
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
        // Ignite records every page lock and unlock of its B+trees per thread, a diagnostic for hung page locks (a
        // dump on demand): a thread-local lookup and a log entry on each of the dozens of page locks a write takes, on
        // its primary and again on its backup (3-5 % of a shopper request's node CPU in the scale-out's flight
        // recordings, docs/benchmarks.md). Off (-1) unless asked for: -DIGNITE_PAGE_LOCK_TRACKER_TYPE=2 turns it on.
        if (System.getProperty(PAGE_LOCK_TRACKER) == null) {
            System.setProperty(PAGE_LOCK_TRACKER, "-1");
        }
        try {
            Ignite ignite = Ignition.start(GridNodeConfiguration.of(settings));
            PageReadCounters.off(ignite);
            return new GridNode(ignite, gracefulLimit);
        } catch (RuntimeException e) {
            if (org.apache.ignite.internal.util.typedef.X.hasCause(e, org.apache.ignite.IgniteAuthenticationException.class)) {
                throw new IllegalStateException("The cluster at " + settings.addresses() + " refused this node: it does "
                    + "not present that cluster's secret (set gridshop.cluster.secret to the one every node of it uses)", e);
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c.getMessage() != null && c.getMessage().contains(DatabaseCheck.REFUSED)) { // the coordinator's validation
                    throw new IllegalStateException(c.getMessage().substring(c.getMessage().indexOf(DatabaseCheck.REFUSED)), e);
                }
            }
            throw e;
        }
    }

    public Ignite ignite() {
        return ignite;
    }

    @Override
    public void close() {
        String name = ignite.name();
        if (servers() <= 1) {
            stopNow(name);
            return;
        }
        // Ignite's graceful wait ends when every partition has a copy elsewhere. When the other nodes stop at the
        // same time (a whole cluster stopped at once), this one can be left the last while it waits: nothing can
        // take its copies any more, and it would wait out the whole limit. Watch for both.
        Thread limit = new Thread(() -> {
            long deadline = System.nanoTime() + gracefulLimit.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    if (servers() <= 1) {
                        LOG.info("Graceful stop: the other nodes have left, no node can take this one's copies; "
                            + "stopping now [node={}]", name);
                        stopNow(name);
                        return;
                    }
                }
                LOG.warn("Graceful stop still waiting for backups after {}; stopping now [node={}]", gracefulLimit, name);
                stopNow(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gridshop-stop-limit");
        limit.setDaemon(true);
        limit.start();
        IgnitionEx.stop(name, true, ShutdownPolicy.GRACEFUL, false);
        limit.interrupt();
    }

    private static void stopNow(String name) {
        IgnitionEx.stop(name, true, ShutdownPolicy.IMMEDIATE, false);
    }

    /** Server nodes alive in the cluster, this one included (read from discovery: it answers while stopping). */
    private int servers() {
        return ((IgniteEx) ignite).context().discovery().aliveServerNodes().size();
    }
}
