package gridshop.catalog.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * enough that the page's end comes soon) or picks the page from the matches by rank (when they are few); the
 * matches of recent searches, and their first pages in each order, are remembered ({@link Matches}). Stock is
 * written in place as it changes (release/acquire per slot), so a sale does not republish anything.
 */
public record IndexSnapshot(IndexItem[] items, long[] cents, int[] stock, TreeMap<String, int[][]> categories,
                     int[][] global, int[][] ranks, Map<String, int[]> members, Map<String, int[]> words,
                     Map<String, int[]> brands, Remembered remembered) {
    private static final VarHandle STOCK = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int REMEMBERED = 4096;
    /** At most this many slots held in remembered matches (64 MiB), whatever the searches. */
    private static final long REMEMBERED_SLOTS = 16L << 20;
    private static final int HEAD = 256;

    /**
     * A word search's matches (words, brand and category; price is filtered after) and, per sort order, the first
     * {@value #HEAD} of them, as found on first use. At most {@value #REMEMBERED} searches and
     * {@value #REMEMBERED_SLOTS} slots are held per snapshot. Kept with the snapshot, so they can never be stale: the
     * next batch of product changes publishes a new snapshot with nothing remembered.
     */
    static final class Matches {
        final int[] slots;
        final AtomicReferenceArray<int[]> heads = new AtomicReferenceArray<>(IndexSort.values().length);

        Matches(int[] slots) {
            this.slots = slots;
        }
    }

    IndexSnapshot(IndexItem[] items, long[] cents, int[] stock, TreeMap<String, int[][]> categories, int[][] global,
                  int[][] ranks, Map<String, int[]> members, Map<String, int[]> words, Map<String, int[]> brands) {
        this(items, cents, stock, categories, global, ranks, members, words, brands, new Remembered(new SearchCounts(), true));
    }

    /**
     * The remembered searches of one snapshot, forgotten all at once when there are too many or too big; and the
     * index's count of word searches answered from them or computed, kept across snapshots.
     */
    static final class Remembered {
        final Map<String, Matches> searches = new ConcurrentHashMap<>();
        final AtomicLong slots = new AtomicLong();
        final SearchCounts counts;
        final boolean enabled;

        Remembered(SearchCounts counts, boolean enabled) {
            this.counts = counts;
            this.enabled = enabled;
        }
    }

    /** Word searches answered from remembered matches, and those whose matches were computed. */
    public static final class SearchCounts {
        private final java.util.concurrent.atomic.LongAdder remembered = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder computed = new java.util.concurrent.atomic.LongAdder();

        public long remembered() {
            return remembered.sum();
        }

        public long computed() {
            return computed.sum();
        }
    }

    /** One page of a search, in its order, with the stock of each product, and how many match in all. */
    public record Hits(long total, IndexItem[] items, int[] stock) {
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

        if (q.words().isEmpty() && q.brand() == null) {
            if (!priced) {
                return page(Arrays.copyOf(scope, (int) Math.min(scope.length, want)), from, scope.length);
            }
            return page(walk(scope, inPrice, want), from, Arrays.stream(scope).filter(inPrice).count());
        }
        Matches found = matches(q);
        if (!priced && want <= HEAD) {
            int[] head = found.heads.get(sort.ordinal());
            if (head == null) {
                head = pick(found.slots, scope, sort, Math.min(HEAD, found.slots.length));
                found.heads.set(sort.ordinal(), head);
            }
            return page(Arrays.copyOf(head, Math.min(want, head.length)), from, found.slots.length);
        }
        int[] matches = priced ? SortedInts.filter(found.slots, inPrice) : found.slots;
        return page(pick(matches, scope, sort, want), from, matches.length);
    }

    private Matches matches(ProductQuery q) {
        String key = String.join(" ", q.words()) + '\u0000' + q.brand() + '\u0000' + q.category();
        Matches found = remembered.searches.get(key);
        if (found != null) {
            remembered.counts.remembered.increment();
            return found;
        }
        remembered.counts.computed.increment();
        List<int[]> lists = new ArrayList<>();
        for (String w : q.words()) {
            lists.add(words.getOrDefault(w, new int[0]));
        }
        if (q.brand() != null) {
            lists.add(brands.getOrDefault(q.brand(), new int[0]));
        }
        if (q.category() != null) {
            lists.add(members.getOrDefault(q.category(), new int[0]));
        }
        found = new Matches(SortedInts.intersect(lists));
        if (!remembered.enabled) {
            return found;
        }
        if (remembered.searches.size() >= REMEMBERED
            || remembered.slots.addAndGet(found.slots.length) > REMEMBERED_SLOTS) {
            remembered.searches.clear();
            remembered.slots.set(found.slots.length);
        }
        remembered.searches.put(key, found);
        return found;
    }

    /** The first {@code want} of the matches in the order of {@code scope}. */
    private int[] pick(int[] matches, int[] scope, IndexSort sort, int want) {
        if (matches.length == 0) {
            return matches;
        }
        // Walking the sorted order costs a binary search per slot passed; picking by rank costs one step per match.
        // Walk while that is cheaper (matches spread evenly are met soon), and stop walking once it is not (matches
        // bunched at the far end of the order, say a maxPrice with sort=-price): never much more than picking.
        int log = 32 - Integer.numberOfLeadingZeros(matches.length);
        int budget = matches.length / log;
        int[] all = matches;
        int[] first = (long) want * scope.length / matches.length < budget
            ? walk(scope, slot -> Arrays.binarySearch(all, slot) >= 0, want, budget) : null;
        return first != null ? first : byRank(matches, ranks[sort.ordinal()], want);
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
        return walk(order, keep, want, Integer.MAX_VALUE);
    }

    /** As {@link #walk(int[], IntPredicate, int)}, or null once more than {@code budget} slots were tested. */
    private static int[] walk(int[] order, IntPredicate keep, int want, int budget) {
        SortedInts.Ints out = new SortedInts.Ints();
        for (int i = 0; i < order.length && out.size() < want; i++) {
            if (i == budget) {
                return null;
            }
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
