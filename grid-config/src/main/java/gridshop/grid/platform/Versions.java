package gridshop.grid.platform;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions that never go backwards: a hybrid logical clock. A version is the wall clock in milliseconds shifted left by
 * {@value #COUNTER_BITS} bits plus a counter, and at least one more than the entity's previous version and than any
 * version this node has handed out or seen. So an entity written again after the grid lost it (a lost partition reset,
 * a re-created product, a replayed spill) gets a version above the one PostgreSQL still holds from before, and the
 * upsert's version guard ({@code WHERE version < EXCLUDED.version}) takes the new write instead of silently keeping the
 * old row. Versions written before this clock (1, 2, 3, …) are far below any it gives, so old rows are always older.
 * What it assumes: the nodes' clocks agree to within the time between a loss and the write that follows it (seconds
 * at least: the loss must be detected first), which NTP gives.
 */
public final class Versions {
    private static final int COUNTER_BITS = 12;
    private static final AtomicLong LAST = new AtomicLong();

    private Versions() {
    }

    /** The version of an entity's next value, given its current one (0 for an entity that does not exist). */
    public static long next(long previous) {
        long physical = System.currentTimeMillis() << COUNTER_BITS;
        return LAST.updateAndGet(last -> Math.max(Math.max(last + 1, physical), previous + 1));
    }

    /** The version of a new entity. */
    public static long first() {
        return next(0);
    }
}
