package gridshop.stock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Escrow looks through its lanes for unsettled sales when what it is primary for changes, after a reload of lost
 * partitions, when a checkout asks, and on its timer ({@link LaneLook#AGAIN}), but not on every tick (a look reads every
 * slice of its lanes: at a million products one every 30 s cost an idle node 2.4 s of CPU a minute).
 */
class LaneLookTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void looksOnANewViewAndWhenItsLanesChangeButNotOnEveryTick() {
        LaneLook look = new LaneLook();
        assertTrue(look.due(7, new int[] {1, 2}, 0), "never looked");
        look.done(7, new int[] {1, 2}, 0);
        assertFalse(look.due(7, new int[] {1, 2}, LaneLook.AGAIN.toSeconds() * SECOND / 2), "the same view and lanes, before the timer");
        assertTrue(look.due(8, new int[] {1, 2}, SECOND), "a new topology or home lane");
        assertTrue(look.due(7, new int[] {1, 2, 5}, SECOND), "a lane whose primary moved here after the topology changed");
        assertTrue(look.due(7, new int[] {1}, SECOND), "a lane that moved away");
        assertTrue(look.due(7, new int[] {1, 2}, LaneLook.AGAIN.toSeconds() * SECOND + SECOND), "the safety net");
        assertTrue(look.due(java.util.List.of(7L, "1796680000000"), new int[] {1, 2}, SECOND),
            "lost partitions reloaded from PostgreSQL since");
    }

    @Test
    void aCheckoutThatFailedAfterItMayHaveSoldAsksForOneMoreLook() {
        LaneLook look = new LaneLook();
        look.done(7, new int[] {1, 2}, 0);
        look.again();
        assertTrue(look.due(7, new int[] {1, 2}, SECOND), "asked");
        look.looking();
        look.done(7, new int[] {1, 2}, SECOND);
        assertFalse(look.due(7, new int[] {1, 2}, 2 * SECOND), "looked since it was asked");
        look.looking();
        look.again(); // asked while a look runs: that look may have passed the sale's lane already
        look.done(7, new int[] {1, 2}, 3 * SECOND);
        assertTrue(look.due(7, new int[] {1, 2}, 4 * SECOND), "asked during the look: one more");
    }

    @Test
    void keepsItsOwnCopyOfTheLanesLookedThrough() {
        LaneLook look = new LaneLook();
        int[] lanes = {3, 4};
        look.done(1, lanes, 0);
        lanes[1] = 9;
        assertFalse(look.due(1, new int[] {3, 4}, SECOND), "the lanes it looked through, not the caller's array now");
    }
}
