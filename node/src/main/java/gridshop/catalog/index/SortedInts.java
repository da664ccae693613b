package gridshop.catalog.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/** Arrays of slots kept in some order: the lists of the catalog index, without boxing a million integers. */
final class SortedInts {
    private SortedInts() {
    }

    /** A growable int array. */
    static final class Ints {
        private int[] a = new int[16];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** Sorts in place (a stable merge sort). */
    static int[] sort(int[] slots, IndexSort.SlotOrder order) {
        if (slots.length > 1) {
            int[] tmp = slots.clone();
            mergeSort(tmp, slots, 0, slots.length, order);
        }
        return slots;
    }

    private static void mergeSort(int[] src, int[] dst, int from, int to, IndexSort.SlotOrder order) {
        if (to - from < 16) {
            for (int i = from + 1; i < to; i++) {
                int v = dst[i];
                int j = i - 1;
                while (j >= from && order.compare(dst[j], v) > 0) {
                    dst[j + 1] = dst[j];
                    j--;
                }
                dst[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid, order);
        mergeSort(dst, src, mid, to, order);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) {
            dst[k++] = order.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < to) {
            dst[k++] = src[j++];
        }
    }

    /**
     * Both sorted arrays as one, in the same order. A few slots merged into a long array are placed by binary
     * search and the runs between them copied whole: comparing a million products' keys (a pointer each) for one
     * changed price would take half a second.
     */
    static int[] merge(int[] a, int[] b, IndexSort.SlotOrder order) {
        if ((long) b.length * (33 - Integer.numberOfLeadingZeros(a.length)) < a.length) {
            return insert(a, b, order);
        }
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = order.compare(b[j], a[i]) < 0 ? b[j++] : a[i++];
        }
        System.arraycopy(a, i, out, k, a.length - i);
        System.arraycopy(b, j, out, k + a.length - i, b.length - j);
        return out;
    }

    private static int[] insert(int[] a, int[] b, IndexSort.SlotOrder order) {
        int[] out = new int[a.length + b.length];
        int from = 0;
        int k = 0;
        for (int v : b) {
            // The first element of a after v (b is sorted, so the search starts where the last one ended).
            int lo = from;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(v, a[mid]) < 0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            System.arraycopy(a, from, out, k, lo - from);
            k += lo - from;
            out[k++] = v;
            from = lo;
        }
        System.arraycopy(a, from, out, k, a.length - from);
        return out;
    }

    /** The array without the slots in {@code removed}, order kept. */
    static int[] without(int[] sorted, BitSet removed) {
        return filter(sorted, slot -> !removed.get(slot));
    }

    /** The slots in all of the ascending lists, shortest list first, each step galloping through the longer list. */
    static int[] intersect(List<int[]> lists) {
        lists.sort(Comparator.comparingInt(a -> a.length));
        int[] acc = lists.get(0);
        for (int i = 1; i < lists.size() && acc.length > 0; i++) {
            acc = intersect(acc, lists.get(i));
        }
        return acc;
    }

    /**
     * One ascending list's values as bits, to count how many of it many other lists share: a list much longer than it
     * is galloped through, any other tested value by value (a bit of a few kilobytes per thread, cached). Used by one
     * thread, and {@link #clear()}ed before that thread marks another list.
     */
    static final class Marks {
        private static final ThreadLocal<long[]> BITS = ThreadLocal.withInitial(() -> new long[0]);
        private final int[] list;
        private final long[] bits;
        /** The words of {@link #bits} the list's values reach (none is marked past them). */
        private final int words;

        private Marks(int[] list, long[] bits, int words) {
            this.list = list;
            this.bits = bits;
            this.words = words;
        }

        static Marks of(int[] list) {
            int words = list.length == 0 ? 0 : (list[list.length - 1] >>> 6) + 1;
            long[] bits = BITS.get();
            if (bits.length < words) {
                bits = new long[Math.max(words, bits.length * 2)];
                BITS.set(bits);
            }
            for (int v : list) {
                bits[v >>> 6] |= 1L << v;
            }
            return new Marks(list, bits, words);
        }

        /** How many values of {@code other} (ascending) are marked. */
        int count(int[] other) {
            if (other.length > 8L * list.length) {
                return intersectionSize(list, other);
            }
            int n = 0;
            for (int v : other) {
                int w = v >>> 6;
                if (w >= words) {
                    break;
                }
                n += (int) (bits[w] >>> v) & 1;
            }
            return n;
        }

        void clear() {
            for (int v : list) {
                bits[v >>> 6] = 0;
            }
        }
    }

    /** How many values two ascending lists share (what {@code intersect} would return, not made). */
    static int intersectionSize(int[] a, int[] b) {
        return a.length <= b.length ? intersect(a, b, null) : intersect(b, a, null);
    }

    private static int[] intersect(int[] small, int[] large) {
        int[] out = new int[small.length];
        return Arrays.copyOf(out, intersect(small, large, out));
    }

    /** The values of {@code small} in {@code large}, into {@code out} unless it is null; returns how many. */
    private static int intersect(int[] small, int[] large, int[] out) {
        int n = 0;
        int lo = 0;
        for (int v : small) {
            // Gallop: double the step until past v, then binary search the last step.
            int step = 1;
            int hi = lo;
            while (hi < large.length && large[hi] < v) {
                lo = hi + 1;
                hi += step;
                step <<= 1;
            }
            int at = Arrays.binarySearch(large, lo, Math.min(hi + 1, large.length), v);
            if (at >= 0) {
                if (out != null) {
                    out[n] = v;
                }
                n++;
                lo = at + 1;
            } else {
                lo = -at - 1;
            }
            if (lo >= large.length) {
                break;
            }
        }
        return n;
    }

    /** The slots that pass a test, order kept. */
    static int[] filter(int[] slots, IntPredicate keep) {
        int[] out = new int[slots.length];
        int n = 0;
        for (int slot : slots) {
            if (keep.test(slot)) {
                out[n++] = slot;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The slots in any of the ascending lists, ascending: a bitmap when the lists are long, else a sort. */
    static int[] union(List<int[]> lists) {
        if (lists.isEmpty()) {
            return new int[0];
        }
        if (lists.size() == 1) {
            return lists.get(0);
        }
        long total = 0;
        int max = 0;
        for (int[] l : lists) {
            total += l.length;
            max = l.length == 0 ? max : Math.max(max, l[l.length - 1]);
        }
        if (total > 4096) {
            BitSet bits = new BitSet(max + 1);
            lists.forEach(l -> Arrays.stream(l).forEach(bits::set));
            return bits.stream().toArray();
        }
        int[] all = new int[(int) total];
        int k = 0;
        for (int[] l : lists) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        return Arrays.stream(all).distinct().toArray();
    }

    /** The ascending slots of {@code all} not in the ascending {@code some}. */
    static int[] minus(int[] all, int[] some) {
        int[] out = new int[all.length];
        int n = 0;
        int j = 0;
        for (int v : all) {
            while (j < some.length && some[j] < v) {
                j++;
            }
            if (j >= some.length || some[j] != v) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
