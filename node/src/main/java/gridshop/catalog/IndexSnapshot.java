package gridshop.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * One published state of the catalog index, searched without locks. Per category, the members' slots once per
 * sort order ({@code categories}); per word and per brand, the slots in ascending order. Stock is written in
 * place as it changes (release/acquire per slot), so a sale does not republish anything.
 */
record IndexSnapshot(IndexItem[] items, int[] stock, TreeMap<String, int[][]> categories, Map<String, int[]> words,
                     Map<String, int[]> brands) {
    private static final VarHandle STOCK = MethodHandles.arrayElementVarHandle(int[].class);

    /** One page of a search, in its order, with the stock of each product, and how many match in all. */
    record Hits(long total, IndexItem[] items, int[] stock) {
        long[] ids() {
            return Arrays.stream(items).mapToLong(IndexItem::id).toArray();
        }
    }

    static IndexSnapshot empty() {
        return new IndexSnapshot(new IndexItem[0], new int[0], new TreeMap<>(), Map.of(), Map.of());
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
        IntPredicate inPrice = slot -> items[slot].cents() >= minCents && items[slot].cents() <= maxCents;

        List<int[]> lists = new ArrayList<>();
        for (String w : q.words()) {
            lists.add(words.getOrDefault(w, new int[0]));
        }
        if (q.brand() != null) {
            lists.add(brands.getOrDefault(q.brand(), new int[0]));
        }
        List<int[]> orders = orders(q.category(), sort);
        if (!lists.isEmpty()) {
            String category = q.category();
            IntPredicate keep = category == null ? inPrice : inPrice.and(slot -> items[slot].category().equals(category));
            int[] matches = Arrays.stream(SortedInts.intersect(lists)).filter(keep).toArray();
            long scope = orders.stream().mapToLong(o -> o.length).sum();
            if ((double) want * scope >= (double) matches.length * matches.length) {
                // Few matches: sort them (or keep the best in a heap).
                return page(top(matches, sort, want), from, matches.length);
            }
            // Many matches: walk the pre-sorted orders and stop at the first page's end.
            BitSet in = new BitSet(items.length);
            Arrays.stream(matches).forEach(in::set);
            return page(merge(orders, sort, in::get, want), from, matches.length);
        }
        long total = 0;
        for (int[] o : orders) {
            total += priced ? Arrays.stream(o).filter(inPrice).count() : o.length;
        }
        int[] first = total <= from ? new int[0] : merge(orders, sort, priced ? inPrice : slot -> true, want);
        return page(first, from, total);
    }

    /** The sorted arrays a search walks: its category's, or every category's. */
    private List<int[]> orders(String category, IndexSort sort) {
        List<int[]> orders = new ArrayList<>();
        if (category != null) {
            int[][] o = categories.get(category);
            if (o != null) {
                orders.add(o[sort.ordinal()]);
            }
        } else {
            categories.values().forEach(o -> orders.add(o[sort.ordinal()]));
        }
        return orders;
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

    /** The first {@code want} matching slots of several sorted arrays, merged in order. */
    private int[] merge(List<int[]> orders, IndexSort sort, IntPredicate keep, int want) {
        IndexSort.SlotOrder order = sort.over(items);
        int[] pos = new int[orders.size()];
        PriorityQueue<Integer> heads = new PriorityQueue<>((a, b) ->
            order.compare(orders.get(a)[pos[a]], orders.get(b)[pos[b]]));
        for (int i = 0; i < orders.size(); i++) {
            if (advance(orders.get(i), pos, i, keep)) {
                heads.add(i);
            }
        }
        SortedInts.Ints out = new SortedInts.Ints();
        while (out.size() < want && !heads.isEmpty()) {
            int i = heads.poll();
            out.add(orders.get(i)[pos[i]]);
            pos[i]++;
            if (advance(orders.get(i), pos, i, keep)) {
                heads.add(i);
            }
        }
        return out.toArray();
    }

    private static boolean advance(int[] order, int[] pos, int i, IntPredicate keep) {
        while (pos[i] < order.length && !keep.test(order[pos[i]])) {
            pos[i]++;
        }
        return pos[i] < order.length;
    }

    /** The first {@code want} of the matches in sort order: a full sort when most are wanted, else a heap. */
    private int[] top(int[] matches, IndexSort sort, int want) {
        IndexSort.SlotOrder order = sort.over(items);
        if (want >= matches.length / 4) {
            int[] all = SortedInts.sort(matches.clone(), order);
            return Arrays.copyOf(all, Math.min(want, all.length));
        }
        PriorityQueue<Integer> worst = new PriorityQueue<>(want + 1, (a, b) -> order.compare(b, a));
        for (int m : matches) {
            worst.add(m);
            if (worst.size() > want) {
                worst.poll();
            }
        }
        return SortedInts.sort(worst.stream().mapToInt(Integer::intValue).toArray(), order);
    }
}
