package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A snapshot's memory of searches: bounded in entries and weight, and what is used often stays. */
class MemoTest {
    @Test
    void staysWithinItsEntriesAndKeepsWhatIsUsedOften() {
        Memo<String> memo = new Memo<>(100);
        memo.put("often", "o");
        for (int i = 0; i < 10_000; i++) {
            memo.put("rare" + i, "r");
            assertNotNull(memo.get("often"), "the frequent entry after " + i + " rare ones");
            assertTrue(memo.size() <= 201, "entries " + memo.size());
        }
        assertEquals("r", memo.get("rare9999"), "the latest is remembered");
        assertNull(memo.get("rare0"), "an early rare one is forgotten");
    }

    @Test
    void staysWithinItsWeight() {
        Memo<int[]> memo = new Memo<>(1_000, 500, a -> a.length);
        for (int i = 0; i < 100; i++) {
            memo.put("k" + i, new int[100]);
        }
        assertTrue(memo.size() <= 10, "entries of 100 within a weight of 1,000: " + memo.size());
        assertNotNull(memo.get("k99"));
    }
}
