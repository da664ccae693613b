package gridshop.catalog;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

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

    /** Both sorted arrays as one, in the same order. */
    static int[] merge(int[] a, int[] b, IndexSort.SlotOrder order) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = order.compare(b[j], a[i]) < 0 ? b[j++] : a[i++];
        }
        System.arraycopy(a, i, out, k, a.length - i);
        System.arraycopy(b, j, out, k + a.length - i, b.length - j);
        return out;
    }

    /** The array without the slots in {@code removed}, order kept. */
    static int[] without(int[] sorted, BitSet removed) {
        Ints out = new Ints();
        for (int slot : sorted) {
            if (!removed.get(slot)) {
                out.add(slot);
            }
        }
        return out.toArray();
    }

    /** The slots in all of the ascending lists, shortest list first. */
    static int[] intersect(List<int[]> lists) {
        lists.sort(Comparator.comparingInt(a -> a.length));
        int[] acc = lists.get(0);
        for (int i = 1; i < lists.size() && acc.length > 0; i++) {
            int[] other = lists.get(i);
            Ints out = new Ints();
            for (int slot : acc) {
                if (Arrays.binarySearch(other, slot) >= 0) {
                    out.add(slot);
                }
            }
            acc = out.toArray();
        }
        return acc;
    }
}
