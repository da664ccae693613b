package gridshop.platform;

import gridshop.grid.node.GridNodeConfiguration;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until this node holds up-to-date copies of the partitions it was given on joining. Readiness waits on
 * this: a rolling restart gated on readiness then stops the next node only once this one has the data, so it
 * never stops the last copy of a partition.
 */
public final class Rebalancing {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalancing.class);

    private Rebalancing() {
    }

    public static void await(Ignite ignite) throws InterruptedException {
        long t0 = System.nanoTime();
        for (String name : GridNodeConfiguration.durableCacheNames()) {
            IgniteCache<?, ?> cache = ignite.cache(name);
            // rebalance() is deprecated for persistent clusters (baseline), but is the public way, for an
            // in-memory one, to wait for the current rebalancing of a cache to finish.
            @SuppressWarnings("deprecation")
            var done = cache.rebalance();
            done.get(10, TimeUnit.MINUTES);
            while (cache.localMetrics().getRebalancingPartitionsCount() > 0) {
                Thread.sleep(100);
            }
        }
        LOG.info("This node's partitions are up to date [ms={}]", (System.nanoTime() - t0) / 1_000_000);
    }
}
