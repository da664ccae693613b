package gridshop.grid.node;

import java.lang.reflect.Field;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.cache.query.index.sorted.inline.InlineIndex;
import org.apache.ignite.internal.metric.IoStatisticsHolder;
import org.apache.ignite.internal.metric.IoStatisticsHolderNoOp;
import org.apache.ignite.internal.processors.cache.CacheGroupContext;
import org.apache.ignite.internal.processors.cache.GridCacheContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns off Ignite's count of page reads per cache and per index (its "I/O statistics": the {@code io.statistics}
 * metrics and the query statistics they feed). Ignite 2.17 counts every page a B+tree or a row read touches, in a
 * counter shared by all threads and then in a thread-local lookup for the SQL query the thread may be running; it
 * has no switch for it, and it does the same on a backup applying a copy. In the scale-out's flight recordings
 * (docs/benchmarks.md) the two took 12–14 % of a shopper request's node CPU, on one node and on two. gridshop reads
 * none of those metrics, so each cache group's and each SQL index's counters are swapped, once the node has started
 * its caches, for the no-op holder Ignite itself gives its system caches. What cannot be swapped (a field renamed in
 * another Ignite version) is logged and left counting: the node works the same either way.
 * <p>{@code -Dgridshop.io-statistics=true} keeps Ignite's counters.
 */
final class PageReadCounters {
    private static final Logger LOG = LoggerFactory.getLogger(PageReadCounters.class);
    static final String KEEP = "gridshop.io-statistics";

    private PageReadCounters() {
    }

    /** Swaps the counters of every cache this node has started; returns how many holders were swapped. */
    static int off(Ignite ignite) {
        if (Boolean.getBoolean(KEEP)) {
            return 0;
        }
        int swapped = 0;
        try {
            IgniteEx grid = (IgniteEx) ignite;
            Field data = field(CacheGroupContext.class, "statHolderData");
            Field index = field(CacheGroupContext.class, "statHolderIdx");
            for (CacheGroupContext group : grid.context().cache().cacheGroups()) {
                if (group.systemCache()) {
                    continue;
                }
                swapped += swap(data, group) + swap(index, group);
                for (GridCacheContext<?, ?> cache : group.caches()) {
                    for (InlineIndex sql : grid.context().indexProcessor().treeIndexes(cache.name(), false)) {
                        for (int s = 0; s < sql.segmentsCount(); s++) {
                            Object tree = sql.segment(s);
                            swapped += swap(field(tree.getClass(), "stats"), tree);
                        }
                    }
                }
            }
            LOG.info("Ignite's page read counters are off ({} holders): gridshop reads none of its io.statistics metrics "
                + "(-D{}=true keeps them)", swapped, KEEP);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not turn off Ignite's page read counters after {} holders; they keep counting (costs CPU, "
                + "changes nothing else): {}", swapped, e.toString());
        }
        return swapped;
    }

    private static int swap(Field f, Object owner) throws IllegalAccessException {
        if (f.get(owner) == IoStatisticsHolderNoOp.INSTANCE) {
            return 0;
        }
        f.set(owner, IoStatisticsHolderNoOp.INSTANCE);
        return 1;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (!IoStatisticsHolder.class.isAssignableFrom(f.getType())) {
                    throw new NoSuchFieldException(c.getName() + "." + name + " is not a page read counter");
                }
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
