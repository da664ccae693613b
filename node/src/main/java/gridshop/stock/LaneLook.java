package gridshop.stock;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * When escrow looks through its lanes for sales no settle has counted ({@link Settles#find}): on a new view (topology,
 * home lane, and the last reload of lost partitions from PostgreSQL, whose slices may hold sales no node knows of);
 * whenever the lanes this node is primary for are not those it last looked through, which is how a lane taken over
 * shows when its primary moves here later than the topology changed (a joining node's rebalance ending); and when
 * {@linkplain #again() asked} (a checkout that may have sold from a lane failed before it said so); and every
 * {@link #AGAIN} whatever happened. A look reads every slice of those lanes (a million products: a second of CPU and
 * 930 MB allocated), so the timer is a long one: every route by which a lane's sale can go untold to its node's settles
 * is one of the triggers. (It was back at 30 s for a stop after ShopUnderFaultsIT found a node's catalog index 10 units
 * above PostgreSQL's stock on the 10-minute timer; it found the same, 1 unit, on the 30 s timer next: PostgreSQL's
 * stock and sales were whole both times, an index late after the topology changed, not a sale left unsettled.)
 */
final class LaneLook {
    static final Duration AGAIN = Duration.ofMinutes(10);
    private Object view;
    private int[] lanes = new int[0];
    private long at;
    private volatile boolean asked;

    boolean due(Object view, int[] lanes, long nowNanos) {
        return asked || !Objects.equals(view, this.view) || !Arrays.equals(lanes, this.lanes) || nowNanos - at > AGAIN.toNanos();
    }

    /** Look on the next tick, whatever the view (from any thread). */
    void again() {
        asked = true;
    }

    /** The lanes were about to be looked through for this view (an {@link #again()} from now on asks for another look). */
    void looking() {
        asked = false;
    }

    /** The lanes were looked through for this view. */
    void done(Object view, int[] lanes, long nowNanos) {
        this.view = view;
        this.lanes = lanes.clone();
        this.at = nowNanos;
    }
}
