package gridshop.catalog.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Product id → index slot, for a million products without a million boxed entries: open addressing over a
 * {@code long[]} and an {@code int[]}. One writer (under the index's lock) adds ids, never removes them; any
 * number of readers look up without locking. A reader that sees an id also sees its slot: the slot is written
 * first and the id published after it with release semantics.
 */
final class SlotMap {
    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long FREE = Long.MIN_VALUE;

    private record Table(long[] keys, int[] slots) {
        static Table of(int capacity) {
            long[] keys = new long[capacity];
            Arrays.fill(keys, FREE);
            return new Table(keys, new int[capacity]);
        }
    }

    private volatile Table table = Table.of(1024);
    private int size;

    /** The slot of a product, or -1. */
    int get(long id) {
        Table t = table;
        int mask = t.keys().length - 1;
        for (int i = spread(id) & mask; ; i = (i + 1) & mask) {
            long k = (long) KEYS.getAcquire(t.keys(), i);
            if (k == id) {
                return t.slots()[i];
            }
            if (k == FREE) {
                return -1;
            }
        }
    }

    /** Adds an id that is not in the map yet (writer only). */
    void add(long id, int slot) {
        if (id == FREE) {
            throw new IllegalArgumentException("reserved id [id=" + id + "]");
        }
        Table t = table;
        if ((size + 1) * 2L > t.keys().length) {
            Table bigger = Table.of(t.keys().length * 2);
            for (int i = 0; i < t.keys().length; i++) {
                if (t.keys()[i] != FREE) {
                    insert(bigger, t.keys()[i], t.slots()[i]);
                }
            }
            table = bigger;
            t = bigger;
        }
        insert(t, id, slot);
        size++;
    }

    private static void insert(Table t, long id, int slot) {
        int mask = t.keys().length - 1;
        int i = spread(id) & mask;
        while (t.keys()[i] != FREE) {
            i = (i + 1) & mask;
        }
        t.slots()[i] = slot;
        KEYS.setRelease(t.keys(), i, id);
    }

    private static int spread(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
