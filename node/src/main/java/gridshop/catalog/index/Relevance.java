package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders a search's matches by relevance. Matches are taken in buckets: those with every query word, then, while the
 * page is not full, those with all but the last word, all but the last two, and so on (words that match nothing
 * are left out first). Within a bucket one long key per product orders them, lowest first: query words it lacks,
 * where its words are (name 0, brand 1, description 2, summed), how they match (exact 0, prefix 1, typo 2, two
 * typos 3, summed), how far apart consecutive query words are (0 adjacent .. 7, summed), rating (high first), id.
 */
final class Relevance {
    private static final int NOWHERE = 3;

    private Relevance() {
    }

    /** The non-empty terms' slots narrowed one term at a time: {@code [k]} has the first k+1 terms, filtered. */
    static List<int[]> narrowing(Terms terms, int[] firstFiltered) {
        List<int[]> out = new ArrayList<>();
        int[] acc = firstFiltered;
        out.add(acc);
        for (Terms.Term t : usable(terms).subList(1, usable(terms).size())) {
            acc = SortedInts.intersect(new ArrayList<>(List.of(acc, t.slots())));
            out.add(acc);
        }
        return out;
    }

    static List<Terms.Term> usable(Terms terms) {
        List<Terms.Term> out = terms.all().stream().filter(t -> t.slots().length > 0).toList();
        return out.isEmpty() ? List.of(terms.get(0)) : out;
    }

    /** The first {@code want} slots by relevance, bucket by bucket. */
    static int[] first(List<int[]> narrowing, Terms terms, IndexSnapshot s, int want) {
        int[] idRank = s.ranks()[IndexSort.ID.ordinal()];
        int[] byId = s.global()[IndexSort.ID.ordinal()];
        Keys keys = new Keys(terms, s.searching().lexicon(), s.searching().ids(), s.searching().columns());
        SortedInts.Ints out = new SortedInts.Ints();
        for (int k = narrowing.size() - 1; k >= 0 && out.size() < want; k--) {
            int[] bucket = k == narrowing.size() - 1 ? narrowing.get(k) : SortedInts.minus(narrowing.get(k), narrowing.get(k + 1));
            for (long key : smallest(bucket, keys, idRank, want - out.size())) {
                out.add(byId[(int) key]);
            }
        }
        return out.toArray();
    }

    /**
     * The {@code n} smallest keys of {@code bucket}'s products (with their rank by id in the low bits), ascending. Once
     * {@code n} are kept, a product is read only as far as its key could still be smaller than the largest kept
     * ({@link Keys#of(int, long)}): most of a common word's products have it only in their description, and are
     * settled as too far down at the end of their name and brand.
     */
    private static long[] smallest(int[] bucket, Keys keys, int[] idRank, int n) {
        if (bucket.length <= n || bucket.length <= 64) {
            long[] all = new long[bucket.length];
            for (int i = 0; i < bucket.length; i++) {
                all[i] = keys.of(bucket[i], Long.MAX_VALUE) | idRank[bucket[i]];
            }
            Arrays.sort(all);
            return Arrays.copyOf(all, Math.min(n, all.length));
        }
        long[] heap = new long[n];
        int size = 0;
        for (int slot : bucket) {
            if (size < n) {
                heap[size] = keys.of(slot, Long.MAX_VALUE) | idRank[slot];
                IndexSnapshot.siftUp(heap, size++);
                continue;
            }
            long key = keys.of(slot, heap[0]);
            if (key != Keys.PAST && (key | idRank[slot]) < heap[0]) {
                heap[0] = key | idRank[slot];
                IndexSnapshot.siftDown(heap, n);
            }
        }
        Arrays.sort(heap);
        return heap;
    }

    /**
     * Computes keys for one search from the columns by slot (a product's words and rating; no product object is read,
     * one array per candidate): how each word matches the terms read by its number ({@link WordKinds}), and the per-term
     * arrays reused from product to product (a search ranks thousands).
     */
    private static final class Keys {
        /** What {@link #of(int, long)} answers for a product whose key is past the bound. */
        static final long PAST = -1;
        private final WordKinds kinds;
        private final int[][] words;
        private final byte[] rating;
        private final int n;
        private final int[] field;
        private final int[] kind;
        private final int[] spot;
        /** The terms no product has (no catalog word matches them): missing from every key. */
        private final boolean[] absent;
        private final long missingAtLeast;

        Keys(Terms terms, Lexicon lexicon, WordIds ids, Columns cols) {
            kinds = terms.byNumber(lexicon, ids);
            words = cols.words();
            rating = cols.rating();
            n = terms.size();
            field = new int[n];
            kind = new int[n];
            spot = new int[n];
            absent = new boolean[n];
            int none = 0;
            for (int t = 0; t < n; t++) {
                absent[t] = terms.get(t).slots().length == 0;
                none += absent[t] ? 1 : 0;
            }
            missingAtLeast = (long) Math.min(none, 7) << 60;
        }

        /**
         * The least key a product can have whose words are read up to field {@code f}: a term found in an earlier field
         * keeps its field and kind (a later word replaces a find only from an earlier field, see {@link #settled}); one not
         * found yet is found in field {@code f} or later, or never (a missing term weighs more than any field).
         */
        private long least(int f) {
            int attribute = 0;
            int exactness = 0;
            for (int t = 0; t < n; t++) {
                if (absent[t]) {
                    continue;
                }
                if (field[t] == NOWHERE) {
                    attribute += f;
                } else {
                    attribute += field[t];
                    exactness += kind[t];
                }
            }
            return missingAtLeast | (long) attribute << 54 | (long) exactness << 48;
        }

        /**
         * Whether no word from field {@code f} on can change what the terms found: the words come in the order of their
         * spots (name, brand, description; each word once, at its first spot), and a later word replaces a term's find
         * only from an earlier field or with a better kind in the same one. So once every term is found in an earlier
         * field, or in this one exactly, the rest of the product's words are not read (most of them are its
         * description's): the key is the same.
         */
        private boolean settled(int f) {
            for (int t = 0; t < n; t++) {
                if (field[t] > f || field[t] == f && kind[t] > 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The key's relevance bits (the low 32 are left for the product's rank by id), or {@link #PAST} once its words up
         * to a field show it larger than {@code bound} (a key kept so far; {@code Long.MAX_VALUE}: none).
         */
        long of(int slot, long bound) {
            Arrays.fill(field, NOWHERE);
            int at = -1; // the field of the words read so far (a product keeps its words in the order of their spots)
            for (int kept : words[slot]) {
                int where = IndexItem.spot(kept);
                int f = where / IndexItem.FIELD;
                if (f != at) {
                    at = f;
                    if (settled(f)) {
                        break;
                    }
                    if (bound != Long.MAX_VALUE && least(f) > bound) {
                        return PAST;
                    }
                }
                int k = kinds.of(IndexItem.word(kept));
                if (k == 0) {
                    continue;
                }
                boolean better = false;
                for (int t = 0; t < n && k != 0; t++, k >>>= WordKinds.BITS) {
                    int kt = k & ((1 << WordKinds.BITS) - 1);
                    if (kt > 0 && (f < field[t] || f == field[t] && kt - 1 < kind[t])) {
                        field[t] = f;
                        kind[t] = kt - 1;
                        spot[t] = where;
                        better = true;
                    }
                }
                if (better && settled(f)) {
                    break;
                }
            }
            int missing = 0;
            int attribute = 0;
            int exactness = 0;
            int proximity = 0;
            int previous = -1;
            for (int t = 0; t < n; t++) {
                if (field[t] == NOWHERE) {
                    missing++;
                    continue;
                }
                attribute += field[t];
                exactness += kind[t];
                if (previous >= 0) {
                    proximity += Math.max(0, Math.min(Math.abs(spot[t] - previous), 8) - 1);
                }
                previous = spot[t];
            }
            long stars = 50 - rating[slot]; // the rating in tenths, as Math.round(rating * 10) within 0..50
            return (long) Math.min(missing, 7) << 60 | (long) attribute << 54 | (long) exactness << 48
                | (long) proximity << 41 | stars << 35;
        }
    }
}
