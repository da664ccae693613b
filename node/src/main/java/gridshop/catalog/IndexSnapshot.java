package gridshop.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * One published state of the catalog index, searched without locks.
 * <ul>
 *   <li>{@code categories}: per category, its slots once per sort order (a category page is a slice);
 *   <li>{@code global}: the whole catalog once per sort order, and {@code ranks}, each slot's position in it;
 *   <li>{@code members}, {@code words}, {@code brands}: per category, word and brand, slots in ascending order,
 *       to intersect;
 *   <li>{@code cents}: prices by slot, so a filter over thousands of candidates reads one array.
 * </ul>
 * A search with words either walks the sorted order and keeps the matches it meets (when matches are dense
 * enough that the page's end comes soon) or picks the page from the matches by rank (when they are few). Stock
 * is written in place as it changes (release/acquire per slot), so a sale does not republish anything.
 */
record IndexSnapshot(IndexItem[] items, long[] cents, int[] stock, TreeMap<String, int[][]> categories,
                     int[][] global, int[][] ranks, Map<String, int[]> members, Map<String, int[]> words,
                     Map<String, int[]> brands) {
    private static final VarHandle STOCK = MethodHandles.arrayElementVarHandle(int[].class);

    /** One page of a search, in its order, with the stock of each product, and how many match in all. */
    record Hits(long total, IndexItem[] items, int[] stock) {
        long[] ids() {
            return Arrays.stream(items).mapToLong(IndexItem::id).toArray();
        }
    }

    static IndexSnapshot empty() {
        int sorts = IndexSort.values().length;
        return new IndexSnapshot(new IndexItem[0], new long[0], new int[0], new TreeMap<>(), new int[sorts][0],
            new int[sorts][0], Map.of(), Map.of(), Map.of());
    }

    int stockOf(int slot) {
        return (int) STOCK.getAcquire(stock, slot);
    }

    static void setStock(int[] stock, int slot, int units) {
        STOCK.setRelease(stock, slot, units);
    }

    Hits at(int slot) {
        return slot < 0 || slot >= items.length || items[slot] == null ? new Hits(0, new IndexItem[0], new int[0])
            : new Hits(1, new IndexItem[] {items[slot]}, new int[] {stockOf(slot)});
    }

    Hits search(ProductQuery q) {
        IndexSort sort = IndexSort.of(q.sort());
        long from = (long) q.page() * q.size();
        int want = (int) Math.min(Integer.MAX_VALUE, from + q.size());
        long minCents = q.minPrice() == null ? Long.MIN_VALUE
            : q.minPrice().movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
        long maxCents = q.maxPrice() == null ? Long.MAX_VALUE
            : q.maxPrice().movePointRight(2).setScale(0, RoundingMode.FLOOR).longValueExact();
        boolean priced = q.minPrice() != null || q.maxPrice() != null;
        IntPredicate inPrice = slot -> cents[slot] >= minCents && cents[slot] <= maxCents;
        int[] scope = scope(q.category(), sort);

        List<int[]> lists = new ArrayList<>();
        for (String w : q.words()) {
            lists.add(words.getOrDefault(w, new int[0]));
        }
        if (q.brand() != null) {
            lists.add(brands.getOrDefault(q.brand(), new int[0]));
        }
        if (lists.isEmpty()) {
            if (!priced) {
                return page(Arrays.copyOf(scope, (int) Math.min(scope.length, want)), from, scope.length);
            }
            return page(walk(scope, inPrice, want), from, Arrays.stream(scope).filter(inPrice).count());
        }
        if (q.category() != null) {
            lists.add(members.getOrDefault(q.category(), new int[0]));
        }
        int[] matches = SortedInts.intersect(lists);
        if (priced) {
            matches = SortedInts.filter(matches, inPrice);
        }
        if (matches.length == 0) {
            return page(matches, from, 0);
        }
        // Walking the order meets a match every scope/matches slots; each test is a binary search.
        double walkCost = (double) want * scope.length / matches.length * (32 - Integer.numberOfLeadingZeros(matches.length));
        int[] all = matches;
        int[] first = walkCost < matches.length ? walk(scope, slot -> Arrays.binarySearch(all, slot) >= 0, want)
            : byRank(matches, ranks[sort.ordinal()], want);
        return page(first, from, matches.length);
    }

    /** The sorted slots a search draws from: its category's, or the whole catalog's. */
    private int[] scope(String category, IndexSort sort) {
        if (category == null) {
            return global[sort.ordinal()];
        }
        int[][] o = categories.get(category);
        return o == null ? new int[0] : o[sort.ordinal()];
    }

    /** The first {@code want} slots of a sorted array that pass a test. */
    private static int[] walk(int[] order, IntPredicate keep, int want) {
        SortedInts.Ints out = new SortedInts.Ints();
        for (int i = 0; i < order.length && out.size() < want; i++) {
            if (keep.test(order[i])) {
                out.add(order[i]);
            }
        }
        return out.toArray();
    }

    /** The {@code want} matches of lowest rank, in rank order: a bounded heap of (rank, slot) pairs. */
    private static int[] byRank(int[] matches, int[] rank, int want) {
        int n = Math.min(want, matches.length);
        long[] heap = new long[n];
        int size = 0;
        for (int slot : matches) {
            long key = (long) rank[slot] << 32 | slot;
            if (size < n) {
                heap[size] = key;
                siftUp(heap, size++);
            } else if (key < heap[0]) {
                heap[0] = key;
                siftDown(heap, n);
            }
        }
        Arrays.sort(heap);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) heap[i];
        }
        return out;
    }

    private static void siftUp(long[] heap, int i) {
        while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
            long t = heap[i];
            heap[i] = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int big = i;
            if (l < size && heap[l] > heap[big]) {
                big = l;
            }
            if (l + 1 < size && heap[l + 1] > heap[big]) {
                big = l + 1;
            }
            if (big == i) {
                return;
            }
            long t = heap[i];
            heap[i] = heap[big];
            heap[big] = t;
            i = big;
        }
    }

    private Hits page(int[] first, long from, long total) {
        int n = (int) Math.max(0, first.length - from);
        IndexItem[] page = new IndexItem[n];
        int[] units = new int[n];
        for (int i = 0; i < n; i++) {
            int slot = first[(int) from + i];
            page[i] = items[slot];
            units[i] = stockOf(slot);
        }
        return new Hits(total, page, units);
    }
}
