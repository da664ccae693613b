package gridshop.catalog;

import java.util.BitSet;
import java.util.HashMap;
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
    private final Map<String, int[]> words;
    private final Map<String, int[]> brands;

    private IndexListBuilder(TreeMap<String, int[][]> categories, Map<String, int[]> words, Map<String, int[]> brands) {
        this.categories = categories;
        this.words = words;
        this.brands = brands;
    }

    TreeMap<String, int[][]> categories() {
        return categories;
    }

    Map<String, int[]> words() {
        return words;
    }

    Map<String, int[]> brands() {
        return brands;
    }

    static IndexListBuilder full(IndexItem[] items, int used) {
        Map<String, SortedInts.Ints> cats = new HashMap<>();
        Map<String, SortedInts.Ints> words = new HashMap<>();
        Map<String, SortedInts.Ints> brands = new HashMap<>();
        for (int slot = 0; slot < used; slot++) {
            IndexItem it = items[slot];
            cats.computeIfAbsent(it.category(), k -> new SortedInts.Ints()).add(slot);
            brands.computeIfAbsent(it.brand(), k -> new SortedInts.Ints()).add(slot);
            for (String w : it.words()) {
                words.computeIfAbsent(w, k -> new SortedInts.Ints()).add(slot);
            }
        }
        TreeMap<String, int[][]> sorted = new TreeMap<>();
        cats.entrySet().parallelStream()
            .map(e -> Map.entry(e.getKey(), sortAll(items, new int[0][], e.getValue().toArray(), new BitSet())))
            .toList().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new IndexListBuilder(sorted, arrays(words), arrays(brands));
    }

    static IndexListBuilder patch(IndexItem[] items, IndexSnapshot old, BitSet changed, Set<String> touchedCategories,
                                  Set<String> touchedWords, Set<String> touchedBrands) {
        Map<String, SortedInts.Ints> cats = added(touchedCategories);
        Map<String, SortedInts.Ints> words = added(touchedWords);
        Map<String, SortedInts.Ints> brands = added(touchedBrands);
        changed.stream().forEach(slot -> {
            IndexItem it = items[slot];
            cats.get(it.category()).add(slot);
            brands.get(it.brand()).add(slot);
            for (String w : it.words()) {
                words.get(w).add(slot);
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
        return new IndexListBuilder(sorted, patched(old.words(), words, changed),
            patched(old.brands(), brands, changed));
    }

    private static Map<String, SortedInts.Ints> added(Set<String> keys) {
        Map<String, SortedInts.Ints> m = new HashMap<>();
        keys.forEach(k -> m.put(k, new SortedInts.Ints()));
        return m;
    }

    /** A category's arrays, one per sort: the old ones without the changed slots, merged with the added slots. */
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
