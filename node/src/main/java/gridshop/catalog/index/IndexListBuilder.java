package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the lists of a new {@link IndexSnapshot}: from scratch on the first fill (categories sorted in
 * parallel), or, for a batch of changes, by patching the previous snapshot's lists: the changed slots are taken
 * out (every other product kept its keys, so the rest stays in order) and merged back in where they now belong.
 */
final class IndexListBuilder {
    private final TreeMap<String, int[][]> categories;
    private final int[][] global;
    private final Map<String, int[]> members;
    private final Map<String, int[]> words;
    private final Map<String, int[]> brands;
    private final WordOrders orders;

    private IndexListBuilder(TreeMap<String, int[][]> categories, int[][] global, Map<String, int[]> members,
                             Map<String, int[]> words, Map<String, int[]> brands, WordOrders orders) {
        this.categories = categories;
        this.global = global;
        this.members = members;
        this.words = words;
        this.brands = brands;
        this.orders = orders;
    }

    TreeMap<String, int[][]> categories() {
        return categories;
    }

    /** The whole catalog, once per sort order. */
    int[][] global() {
        return global;
    }

    /** Per sort order, each slot's position in {@link #global()}: a sort key that is one int. */
    int[][] ranks(int capacity) {
        int[][] ranks = new int[global.length][];
        for (int s = 0; s < global.length; s++) {
            int[] rank = new int[capacity];
            int[] order = global[s];
            for (int i = 0; i < order.length; i++) {
                rank[order[i]] = i;
            }
            ranks[s] = rank;
        }
        return ranks;
    }

    /** Per category, its slots in ascending order (to intersect with word and brand lists). */
    Map<String, int[]> members() {
        return members;
    }

    Map<String, int[]> words() {
        return words;
    }

    Map<String, int[]> brands() {
        return brands;
    }

    /** Per word, its products in the order of a search for it alone ({@link WordOrders}). */
    WordOrders orders() {
        return orders;
    }

    /** {@code names}: the words by number ({@link WordIds}); {@code wordOrders}: keep {@link WordOrders}. */
    static IndexListBuilder full(IndexItem[] items, int used, String[] names, boolean wordOrders) {
        Map<String, SortedInts.Ints> cats = new HashMap<>();
        Map<String, SortedInts.Ints> words = new HashMap<>();
        Map<String, SortedInts.Ints> brands = new HashMap<>();
        for (int slot = 0; slot < used; slot++) {
            IndexItem it = items[slot];
            cats.computeIfAbsent(it.category(), k -> new SortedInts.Ints()).add(slot);
            brands.computeIfAbsent(it.brand(), k -> new SortedInts.Ints()).add(slot);
            for (int w : it.words()) {
                words.computeIfAbsent(names[IndexItem.word(w)], k -> new SortedInts.Ints()).add(slot);
            }
        }
        TreeMap<String, int[][]> sorted = new TreeMap<>();
        cats.entrySet().parallelStream()
            .map(e -> Map.entry(e.getKey(), sortAll(items, new int[0][], e.getValue().toArray(), new BitSet())))
            .toList().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        int[][] global = new int[IndexSort.values().length][];
        Arrays.stream(IndexSort.values()).parallel().forEach(sort -> global[sort.ordinal()] =
            mergeAll(sorted.values().stream().map(o -> o[sort.ordinal()]).toList(), sort.over(items)));
        return new IndexListBuilder(sorted, global, arrays(cats), arrays(words), arrays(brands),
            wordOrders ? WordOrders.full(items, used, names, global[IndexSort.ID.ordinal()]) : WordOrders.NOT_KEPT);
    }

    static IndexListBuilder patch(IndexItem[] items, String[] names, IndexSnapshot old, BitSet changed,
                                  Set<String> touchedCategories, Set<String> touchedWords, Set<String> touchedBrands) {
        Map<String, SortedInts.Ints> cats = added(touchedCategories);
        Map<String, SortedInts.Ints> words = added(touchedWords);
        Map<String, SortedInts.Ints> brands = added(touchedBrands);
        changed.stream().forEach(slot -> {
            IndexItem it = items[slot];
            cats.get(it.category()).add(slot);
            brands.get(it.brand()).add(slot);
            for (int w : it.words()) {
                words.get(names[IndexItem.word(w)]).add(slot);
            }
        });
        TreeMap<String, int[][]> sorted = new TreeMap<>(old.categories());
        cats.forEach((name, added) -> {
            int[][] next = sortAll(items, old.categories().getOrDefault(name, new int[0][]), added.toArray(), changed);
            if (next[0].length == 0) {
                sorted.remove(name);
            } else {
                sorted.put(name, next);
            }
        });
        int[][] global = sortAll(items, old.global(), changed.stream().toArray(), changed);
        return new IndexListBuilder(sorted, global, patched(old.members(), cats, changed), patched(old.words(), words, changed),
            patched(old.brands(), brands, changed), old.searching().orders().patch(items, names, changed, touchedWords));
    }

    /** Sorted arrays merged pairwise into one. */
    private static int[] mergeAll(List<int[]> sorted, IndexSort.SlotOrder order) {
        List<int[]> round = new ArrayList<>(sorted);
        if (round.isEmpty()) {
            return new int[0];
        }
        while (round.size() > 1) {
            List<int[]> next = new ArrayList<>();
            for (int i = 0; i < round.size(); i += 2) {
                next.add(i + 1 < round.size() ? SortedInts.merge(round.get(i), round.get(i + 1), order) : round.get(i));
            }
            round = next;
        }
        return round.get(0);
    }

    private static Map<String, SortedInts.Ints> added(Set<String> keys) {
        Map<String, SortedInts.Ints> m = new HashMap<>();
        keys.forEach(k -> m.put(k, new SortedInts.Ints()));
        return m;
    }

    /**
     * A category's (or the whole catalog's) arrays, one per sort: the old ones without the changed slots, merged
     * with the added slots.
     */
    private static int[][] sortAll(IndexItem[] items, int[][] old, int[] added, BitSet changed) {
        IndexSort[] sorts = IndexSort.values();
        int[][] bySort = new int[sorts.length][];
        for (IndexSort s : sorts) {
            IndexSort.SlotOrder order = s.over(items);
            int[] kept = old.length == 0 ? new int[0] : SortedInts.without(old[s.ordinal()], changed);
            bySort[s.ordinal()] = SortedInts.merge(kept, SortedInts.sort(added.clone(), order), order);
        }
        return bySort;
    }

    /** Ascending slot lists: the old ones without the changed slots, merged with the changed slots that belong. */
    private static Map<String, int[]> patched(Map<String, int[]> old, Map<String, SortedInts.Ints> added,
                                              BitSet changed) {
        Map<String, int[]> next = new HashMap<>(old);
        added.forEach((key, slots) -> {
            int[] kept = SortedInts.without(old.getOrDefault(key, new int[0]), changed);
            int[] merged = SortedInts.merge(kept, slots.toArray(), Integer::compare);
            if (merged.length == 0) {
                next.remove(key);
            } else {
                next.put(key, merged);
            }
        });
        return next;
    }

    private static Map<String, int[]> arrays(Map<String, SortedInts.Ints> lists) {
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }
}
