package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Per catalog word, its products split by the field the word first occurs in (name, brand, description), each part
 * best rated first, then by id: the order in which a search for that word alone ranks them ({@link Relevance}'s key
 * with one term: field, how the word matches, rating, id). So the first page of a search whose ranking comes down to
 * one term is a merge of a few of these lists, walked only as far as the page needs, where ranking it reads every
 * match's words (a common word has 100,000 products at a million; ~35 ns each). Built with the other lists and patched
 * the same way: a changed product is taken out of its words' lists and placed back by binary search.
 */
final class WordOrders {
    static final WordOrders EMPTY = new WordOrders(Map.of());
    /** None kept: every relevance search ranks its matches (the reference of tests). */
    static final WordOrders NOT_KEPT = new WordOrders(Map.of());
    private static final int[] NONE = new int[0];
    /** A term matched by more catalog words than this is ranked as before (a short prefix may begin thousands). */
    static final int MOST_WORDS = 64;
    private static final ThreadLocal<long[]> SEEN = ThreadLocal.withInitial(() -> new long[0]);

    /** Per word, per field ({@link IndexItem#NAME} ..), slots best rated first, then by id. */
    private final Map<String, int[][]> byWord;

    private WordOrders(Map<String, int[][]> byWord) {
        this.byWord = byWord;
    }

    /** The lists of every word, from scratch; {@code byId}: the slots in id order. */
    static WordOrders full(IndexItem[] items, int used, String[] names, int[] byId) {
        int[] idRank = new int[used];
        for (int i = 0; i < byId.length; i++) {
            idRank[byId[i]] = i;
        }
        Map<String, SortedInts.Ints[]> lists = new HashMap<>();
        for (int slot = 0; slot < used; slot++) {
            for (int w : items[slot].words()) {
                SortedInts.Ints[] fields = lists.computeIfAbsent(names[IndexItem.word(w)], k -> new SortedInts.Ints[3]);
                if (fields[field(w)] == null) {
                    fields[field(w)] = new SortedInts.Ints();
                }
                fields[field(w)].add(slot);
            }
        }
        Map<String, int[][]> out = new java.util.concurrent.ConcurrentHashMap<>(lists.size() * 2);
        lists.entrySet().parallelStream().forEach(e -> {
            int[][] fields = new int[3][];
            for (int f = 0; f < 3; f++) {
                fields[f] = sorted(e.getValue()[f], items, idRank, byId);
            }
            out.put(e.getKey(), fields);
        });
        return new WordOrders(new HashMap<>(out));
    }

    private static int field(int kept) {
        return IndexItem.spot(kept) / IndexItem.FIELD;
    }

    /** Best rated first, then by id: one long key per slot, sorted, mapped back. */
    private static int[] sorted(SortedInts.Ints list, IndexItem[] items, int[] idRank, int[] byId) {
        if (list == null) {
            return NONE;
        }
        int[] slots = list.toArray();
        long[] keys = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            keys[i] = (long) (50 - items[slots[i]].rating10()) << 32 | idRank[slots[i]];
        }
        Arrays.sort(keys);
        for (int i = 0; i < slots.length; i++) {
            slots[i] = byId[(int) keys[i]];
        }
        return slots;
    }

    /** These lists with the changed slots taken out of the touched words' lists and put back where they now belong. */
    WordOrders patch(IndexItem[] items, String[] names, BitSet changed, Set<String> touched) {
        if (this == NOT_KEPT) {
            return this;
        }
        Map<String, SortedInts.Ints[]> added = new HashMap<>();
        changed.stream().forEach(slot -> {
            for (int w : items[slot].words()) {
                SortedInts.Ints[] fields = added.computeIfAbsent(names[IndexItem.word(w)], k -> new SortedInts.Ints[] {
                    new SortedInts.Ints(), new SortedInts.Ints(), new SortedInts.Ints()});
                fields[field(w)].add(slot);
            }
        });
        IndexSort.SlotOrder order = (a, b) -> {
            int r = Integer.compare(items[b].rating10(), items[a].rating10());
            return r != 0 ? r : Long.compare(items[a].id(), items[b].id());
        };
        Map<String, int[][]> next = new HashMap<>(byWord);
        for (String word : touched) {
            int[][] old = byWord.get(word);
            SortedInts.Ints[] in = added.get(word);
            int[][] fields = new int[3][];
            boolean any = false;
            for (int f = 0; f < 3; f++) {
                int[] kept = old == null ? NONE : SortedInts.without(old[f], changed);
                int[] put = in == null ? NONE : SortedInts.sort(in[f].toArray(), order);
                fields[f] = put.length == 0 ? kept : SortedInts.merge(kept, put, order);
                any |= fields[f].length > 0;
            }
            if (any) {
                next.put(word, fields);
            } else {
                next.remove(word);
            }
        }
        return new WordOrders(next);
    }

    /** The word's lists by field, or null when no product has it. */
    int[][] of(String word) {
        return byWord.get(word);
    }

    /**
     * The first {@code want} products of one term in its own relevance order that {@code keep} keeps, or null when more
     * than {@code budget} were tested first or the term is matched by more than {@value #MOST_WORDS} catalog words.
     * {@code kinds}: each catalog word the term matches, with how ({@link Terms#EXACT}, ...). The term's products are
     * taken field by field, within a field kind by kind, within those best rated first then by id ({@code rating},
     * {@code idRank}: the snapshot's columns), each once: a product several of the words reach counts at its best.
     */
    int[] first(Map<String, Integer> kinds, byte[] rating, int[] idRank, IntPredicate keep, int want, int budget) {
        if (this == NOT_KEPT || kinds.size() > MOST_WORDS) {
            return null;
        }
        int[] distinct = kinds.values().stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        Walk walk = new Walk(rating, idRank, keep, want, budget, kinds.size() > 1 ? seen(rating.length) : null);
        SortedInts.Ints out = walk.out;
        try {
            for (int f = 0; f < 3; f++) {
                for (int kind : distinct) {
                    List<int[]> sources = new ArrayList<>();
                    for (Map.Entry<String, Integer> e : kinds.entrySet()) {
                        int[][] lists = byWord.get(e.getKey());
                        if (e.getValue() == kind && lists != null && lists[f].length > 0) {
                            sources.add(lists[f]);
                        }
                    }
                    if (!walk.take(sources)) {
                        return null;
                    }
                    if (out.size() == want) {
                        return out.toArray();
                    }
                }
            }
            return out.toArray();
        } finally {
            walk.forget();
        }
    }

    private static long[] seen(int slots) {
        long[] bits = SEEN.get();
        int words = (slots >>> 6) + 1;
        if (bits.length < words) {
            bits = new long[Math.max(words, bits.length * 2)];
            SEEN.set(bits);
        }
        return bits;
    }

    /** One walk through a term's lists: what it kept, how many it tested, and (several words) which it met. */
    private static final class Walk {
        final SortedInts.Ints out = new SortedInts.Ints();
        /** The products met, when a product may come from several lists (their bits cleared after). */
        final SortedInts.Ints met = new SortedInts.Ints();
        final byte[] rating;
        final int[] idRank;
        final IntPredicate keep;
        final int want;
        final int budget;
        final long[] seen;
        int tested;

        Walk(byte[] rating, int[] idRank, IntPredicate keep, int want, int budget, long[] seen) {
            this.rating = rating;
            this.idRank = idRank;
            this.keep = keep;
            this.want = want;
            this.budget = budget;
            this.seen = seen;
        }

        /**
         * Walks the merge of {@code sources} (each best rated first, then by id) until {@link #out} holds {@code want};
         * false once more than {@code budget} products were tested.
         */
        boolean take(List<int[]> sources) {
            int n = sources.size();
            if (n == 1) {
                return takeAll(sources.get(0)); // one list: it is the order, no key to read
            }
            int[] at = new int[n];
            long[] heap = new long[n];
            int size = 0;
            for (int s = 0; s < n; s++) {
                heap[size] = key(sources.get(s)[0]) << 7 | s;
                up(heap, size++);
            }
            while (size > 0 && out.size() < want) {
                int s = (int) (heap[0] & 0x7F);
                int[] source = sources.get(s);
                int slot = source[at[s]++];
                if (at[s] < source.length) {
                    heap[0] = key(source[at[s]]) << 7 | s;
                } else {
                    heap[0] = heap[--size];
                }
                down(heap, size);
                if (!test(slot)) {
                    return false;
                }
            }
            return true;
        }

        /** {@link #take} of a single list. */
        private boolean takeAll(int[] source) {
            for (int i = 0; i < source.length && out.size() < want; i++) {
                if (!test(source[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Tests a product met (once: one met before is passed over); false once the budget is spent. */
        private boolean test(int slot) {
            if (seen != null) {
                long bit = 1L << slot;
                if ((seen[slot >>> 6] & bit) != 0) {
                    return true;
                }
                seen[slot >>> 6] |= bit;
                met.add(slot);
            }
            if (tested++ == budget) {
                return false;
            }
            if (keep.test(slot)) {
                out.add(slot);
            }
            return true;
        }

        private long key(int slot) {
            return (long) (50 - rating[slot]) << 32 | idRank[slot];
        }

        void forget() {
            if (seen != null) {
                for (int slot : met.toArray()) {
                    seen[slot >>> 6] = 0;
                }
            }
        }
    }

    private static void up(long[] heap, int i) {
        while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
            long t = heap[i];
            heap[i] = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    }

    private static void down(long[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int small = i;
            if (l < size && heap[l] < heap[small]) {
                small = l;
            }
            if (l + 1 < size && heap[l + 1] < heap[small]) {
                small = l + 1;
            }
            if (small == i) {
                return;
            }
            long t = heap[i];
            heap[i] = heap[small];
            heap[small] = t;
            i = small;
        }
    }
}
