package gridshop.catalog.index;

import gridshop.api.catalog.FacetCount;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
                     Map<String, int[]> brands, Remembered remembered, Searching searching) {
    private static final VarHandle STOCK = MethodHandles.arrayElementVarHandle(int[].class);
    /**
     * At most this many slots held in remembered matches, whatever the searches: a sixteenth of the heap (4 bytes a
     * slot), never less than 64 MiB nor more than 1 GiB. A search's matches are the whole lists of its words (a common word of a
     * million products holds 100,000 slots), and a node under a search mix makes millions of slots a second, so a
     * fixed 64 MiB forgot a 6 GiB node's searches within seconds while the heap had room for minutes of them.
     */
    private static final long REMEMBERED_SLOTS = Math.min(256L << 20,
        Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 16 / 4));
    /** Searches remembered per generation: 4,096 for each 64 MiB of slots, at most 32,768. */
    private static final int REMEMBERED = (int) Math.min(32_768, 4096 * (REMEMBERED_SLOTS / (16L << 20)));
    /**
     * Facet tallies remembered per generation: as many as searches, and at most a sixty-fourth of the heap in bytes (a
     * tally holds a count per brand). 4,096 forgot a 6 GiB node's tallies within seconds under the faceted mix.
     */
    private static final int TALLIES = REMEMBERED;
    private static final long TALLY_BYTES = Runtime.getRuntime().maxMemory() / 64;
    /** Queries' terms remembered per generation (not weighed: a term's slots may be a union made for it). */
    private static final int TERMS = 2048;
    private static final int HEAD = 256;
    /** A one-word search seen once in this snapshot, its order not made yet. */
    private static final int[] ONCE = new int[0];
    /** Suggestions remembered per generation: small answers, many distinct prefixes (two-word ones above all). */
    private static final int SUGGESTIONS = 65_536;
    /** About 16 MiB of suggestions per generation, whatever their number. */
    private static final long SUGGESTION_BYTES = 16L << 20;

    /**
     * A word search's matches (words, brand and category; those in a price range apart; under relevance, its first usable
     * word's) and, per sort order, the first {@value #HEAD} of them, as found on first use (relevance's first are
     * remembered apart, {@link Remembered#heads}: they depend on every word). Up to {@link #REMEMBERED} searches per generation and
     * {@link #REMEMBERED_SLOTS} slots in all are held per snapshot, the least used forgotten first ({@link Memo}).
     * Kept with the snapshot, so they can never be stale: the next batch of product changes publishes a new snapshot
     * with nothing remembered.
     */
    static final class Matches {
        final int[] slots;
        final AtomicReferenceArray<int[]> heads = new AtomicReferenceArray<>(IndexSort.values().length);

        Matches(int[] slots) {
            this.slots = slots;
        }
    }

    /** What search needs besides the lists: the vocabulary, the synonyms, the per-slot columns, the words' numbers. */
    record Searching(Lexicon lexicon, Synonyms synonyms, Columns columns, WordIds ids, WordOrders orders,
                     Memo<Terms> terms) {
        Searching(Lexicon lexicon, Synonyms synonyms, Columns columns, WordIds ids, WordOrders orders) {
            this(lexicon, synonyms, columns, ids, orders, new Memo<>(TERMS));
        }

        /** A query's terms, memoised for this snapshot (a prefix of one letter may unite a million products). */
        Terms terms(List<String> words, boolean typos, Map<String, int[]> lists) {
            String key = typos + ":" + String.join(" ", words);
            Terms found = terms.get(key);
            if (found == null) {
                found = Terms.of(words, typos, lexicon, lists, synonyms);
                terms.put(key, found);
            }
            return found;
        }
    }

    /** The same lists with other synonyms, and nothing remembered (remembered matches were found without them). */
    IndexSnapshot with(Synonyms synonyms) {
        return new IndexSnapshot(items, cents, stock, categories, global, ranks, members, words, brands,
            new Remembered(remembered.counts, remembered.enabled),
            new Searching(searching.lexicon().next(Set.of(), words), synonyms, searching.columns(), searching.ids(),
                searching.orders()));
    }

    /**
     * The remembered searches of one snapshot, forgotten all at once when there are too many or too big; and the
     * index's count of word searches answered from them or computed, kept across snapshots.
     */
    static final class Remembered {
        final Memo<Matches> searches = new Memo<>(REMEMBERED, REMEMBERED_SLOTS * 3 / 8, m -> m.slots.length);
        /** The first {@value #HEAD} of relevance searches, by words, typos, filters and prices ({@link #relevance}). */
        final Memo<int[]> heads = new Memo<>(REMEMBERED, REMEMBERED_SLOTS / 16, a -> 16L + a.length);
        /** One-word searches' whole relevance orders by word ({@link #order}), or {@link #ONCE}. */
        final Memo<int[]> orders = new Memo<>(REMEMBERED, REMEMBERED_SLOTS / 8, a -> a.length);
        /**
         * Facet counts by search, filters and prices ({@link FacetTally#of}); {@link #TALLIES} per generation, weighed by
         * their bytes.
         */
        final Memo<FacetTally> facets = new Memo<>(TALLIES, TALLY_BYTES, FacetTally::bytes);
        /** Suggestions as JSON by words typed and size ({@link Suggester#json}); {@value #SUGGESTIONS} per generation. */
        final Memo<byte[]> suggestions = new Memo<>(SUGGESTIONS, SUGGESTION_BYTES, json -> 160L + json.length);
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
    public record Hits(long total, IndexItem[] items, int[] stock, Map<String, String> corrected,
                       Map<String, List<FacetCount>> facets, Terms terms) {
        Hits(long total, IndexItem[] items, int[] stock) {
            this(total, items, stock, Map.of(), null, Terms.NONE);
        }

        Hits with(Terms terms, Map<String, List<FacetCount>> facets) {
            return new Hits(total, items, stock, terms.corrected(), facets, terms);
        }

        /** The name and description with the words that matched this search marked. */
        public gridshop.api.catalog.Highlight highlight(String name, String description) {
            return new gridshop.api.catalog.Highlight(Highlighter.mark(name, terms), Highlighter.mark(description, terms));
        }

        long[] ids() {
            return Arrays.stream(items).mapToLong(IndexItem::id).toArray();
        }
    }

    static IndexSnapshot empty() {
        int sorts = IndexSort.values().length;
        return new IndexSnapshot(new IndexItem[0], new long[0], new int[0], new TreeMap<>(), new int[sorts][0],
            new int[sorts][0], Map.of(), Map.of(), Map.of(), new Remembered(new SearchCounts(), true),
            new Searching(Lexicon.of(Set.of()), Synonyms.NONE, Columns.EMPTY, new WordIds(), WordOrders.EMPTY));
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
        Terms terms = q.words().isEmpty() ? Terms.NONE : searching.terms(q.words(), q.typos(), words);
        SearchFilter filter = new SearchFilter(q, searching.columns(), cents);
        long from = (long) q.page() * q.size();
        int want = (int) Math.min(Integer.MAX_VALUE, from + q.size());
        Found found = q.relevance() && !terms.isEmpty() ? relevance(q, terms, filter, from, want)
            : ordered(q, terms, filter, from, want);
        Map<String, List<FacetCount>> facets = q.facets().isEmpty() ? null
            : Facets.answer(FacetTally.of(this, q, terms, filter, found.passing()), searching.columns(), q);
        return found.hits().with(terms, facets);
    }

    /** A search's page, and its matches that pass every filter when it found them as a list (else null). */
    private record Found(Hits hits, int[] passing) {
    }

    static List<int[]> slotsOf(Terms terms) {
        List<int[]> lists = new ArrayList<>();
        terms.all().forEach(t -> lists.add(t.slots()));
        return lists;
    }

    /**
     * Relevance: the matches of the first usable word, filtered, remembered by that word and the filters alone (the
     * same for "wireless headphones" and "wireless speaker"); the first of them ranked, remembered by the whole search.
     */
    private Found relevance(ProductQuery q, Terms terms, SearchFilter filter, long from, int want) {
        String key = firstWordKey(q, terms);
        int[] first = Relevance.usable(terms).get(0).slots();
        Matches all = remember(key, () -> filter.categories() == null && filter.brands() == null ? first
            : SortedInts.filter(first, slot -> filter.category(slot) && filter.brand(slot)), true);
        Matches found = priced(all, key, filter);
        if (want <= HEAD) {
            String own = key(q) + '\u0000' + filter.minCents() + '\u0000' + filter.maxCents();
            int[] head = remembered.enabled ? remembered.heads.get(own) : null;
            if (head == null) {
                List<int[]> narrowing = Relevance.narrowing(terms, found.slots);
                head = fromOrders(q, terms, narrowing);
                if (head == null) {
                    head = Relevance.first(narrowing, terms, this, HEAD);
                }
                if (remembered.enabled) {
                    remembered.heads.put(own, head);
                }
            }
            return new Found(page(Arrays.copyOf(head, Math.min(want, head.length)), from, found.slots.length), found.slots);
        }
        return new Found(page(Relevance.first(Relevance.narrowing(terms, found.slots), terms, this, want), from,
            found.slots.length), found.slots);
    }

    /**
     * The first {@value #HEAD} of a relevance search from its first usable word's own order ({@link WordOrders}, or for a
     * short prefix a remembered {@link #order}), or null; {@code narrowing}: the search's matches, those with the first
     * two usable words, the first three, and so on ({@link Relevance#narrowing}). Relevance takes every word before
     * some, so the matches that have the first usable word and any other come first: those few are ranked. The rest
     * lack every word but the first, so each one's key differs from that word's own order only by what the missing
     * words add, the same for all: they follow in that order, walked through the matches. A filter that keeps few of
     * the word's products would walk most of its order, so past a budget the matches are ranked instead (null).
     */
    private int[] fromOrders(ProductQuery q, Terms terms, List<int[]> narrowing) {
        List<Terms.Term> usable = Relevance.usable(terms);
        if (searching.orders() == WordOrders.NOT_KEPT || usable.get(0).slots().length == 0) {
            return null; // the reference of tests ranks every match
        }
        int[] matches = narrowing.get(0);
        int[] more = withAnotherWord(matches, usable, narrowing);
        List<int[]> ranking = new ArrayList<>(narrowing);
        ranking.set(0, more);
        int[] ranked = Relevance.first(ranking, terms, this, HEAD);
        if (ranked.length == HEAD || more.length == matches.length) {
            return ranked;
        }
        boolean last = terms.isLast(usable.get(0));
        // The walk keeps the matches (already filtered), not what the filter says of the columns now: a writer may be
        // staging new prices, categories or brands in them. Unfiltered, every product of the word's lists is a match (the
        // matches are a subset of the word's products, so as many is the same; the array may be another search's copy).
        boolean everyOne = matches.length == usable.get(0).slots().length;
        IntPredicate keep = slot -> (everyOne || Arrays.binarySearch(matches, slot) >= 0)
            && Arrays.binarySearch(more, slot) < 0;
        int budget = 8 * matches.length + HEAD;
        Map<String, Integer> kinds = kinds(usable.get(0), last);
        int[] rest;
        if (kinds != null) {
            rest = searching.orders().first(kinds, searching.columns().rating(), ranks[IndexSort.ID.ordinal()], keep,
                HEAD - ranked.length, budget);
        } else {
            int[] order = order(usable.get(0).word(), last, q.typos());
            rest = order == null ? null : walk(order, keep, HEAD - ranked.length, budget);
        }
        if (rest == null) {
            return null;
        }
        int[] head = Arrays.copyOf(ranked, ranked.length + rest.length);
        System.arraycopy(rest, 0, head, ranked.length, rest.length);
        return head;
    }

    /** The matches that have, besides the first usable word, at least one other ({@code narrowing[1]} or a later word's). */
    private static int[] withAnotherWord(int[] matches, List<Terms.Term> usable, List<int[]> narrowing) {
        if (narrowing.size() == 1) {
            return new int[0];
        }
        List<int[]> some = new ArrayList<>(List.of(narrowing.get(1)));
        for (Terms.Term t : usable.subList(2, usable.size())) {
            some.add(SortedInts.intersect(new ArrayList<>(List.of(matches, t.slots()))));
        }
        return some.size() == 1 ? some.get(0) : SortedInts.union(some);
    }

    /**
     * Each catalog word a term matches, with how (what {@link Terms#kinds} says of it): its own matches and, for the last
     * query word, every other word it begins; null when there are more than {@link WordOrders#MOST_WORDS} (a short
     * prefix), which {@link #order} serves instead.
     */
    private Map<String, Integer> kinds(Terms.Term term, boolean last) {
        List<String> begun = last ? searching.lexicon().startingWith(term.word()) : List.of();
        if (term.matches().size() > WordOrders.MOST_WORDS || begun.size() > WordOrders.MOST_WORDS) {
            return null;
        }
        Map<String, Integer> kinds = new java.util.HashMap<>(term.matches());
        begun.forEach(w -> kinds.putIfAbsent(w, Terms.PREFIX));
        return kinds.size() > WordOrders.MOST_WORDS ? null : kinds;
    }

    /**
     * The whole relevance order of the products of one query word ({@code last}: also as a prefix), with no filter, when
     * it has been asked for before in this snapshot (the first time only that is noted). Null when not (yet) remembered.
     */
    private int[] order(String word, boolean last, boolean typos) {
        if (!remembered.enabled) {
            return null;
        }
        String key = word + '\u0000' + typos + '\u0000' + last;
        int[] found = remembered.orders.get(key);
        if (found == null) {
            remembered.orders.put(key, ONCE);
            return null;
        }
        if (found == ONCE) {
            Terms alone = Terms.of(List.of(word), typos, last, searching.lexicon(), words, searching.synonyms());
            int[] first = Relevance.usable(alone).get(0).slots();
            found = Relevance.first(Relevance.narrowing(alone, first), alone, this, first.length);
            remembered.orders.put(key, found);
        }
        return found;
    }

    /** Every word (each with its prefixes, typos and synonyms) in one of the sort orders, or the catalog's order. */
    private Found ordered(ProductQuery q, Terms terms, SearchFilter filter, long from, int want) {
        IndexSort sort = IndexSort.of(q.sort());
        boolean priced = q.minPrice() != null || q.maxPrice() != null;
        int[] scope = scope(q.categories(), sort);
        if (terms.isEmpty() && q.brands().isEmpty() && q.categories().size() <= 1) {
            if (!priced) {
                return new Found(page(Arrays.copyOf(scope, (int) Math.min(scope.length, want)), from, scope.length), null);
            }
            return new Found(page(walk(scope, filter::price, want), from, Arrays.stream(scope).filter(filter::price).count()),
                null);
        }
        String key = key(q);
        Matches all = remember(key, () -> {
            List<int[]> lists = slotsOf(terms);
            if (!q.brands().isEmpty()) {
                lists.add(SortedInts.union(q.brands().stream().map(b -> brands.getOrDefault(b, new int[0])).toList()));
            }
            if (!q.categories().isEmpty()) {
                lists.add(SortedInts.union(q.categories().stream().map(c -> members.getOrDefault(c, new int[0])).toList()));
            }
            return SortedInts.intersect(lists);
        }, true);
        Matches found = priced(all, key, filter);
        if (want <= HEAD) {
            int[] head = found.heads.get(sort.ordinal());
            if (head == null) {
                head = pick(found.slots, scope, sort, Math.min(HEAD, found.slots.length));
                found.heads.set(sort.ordinal(), head);
            }
            return new Found(page(Arrays.copyOf(head, Math.min(want, head.length)), from, found.slots.length), found.slots);
        }
        return new Found(page(pick(found.slots, scope, sort, want), from, found.slots.length), found.slots);
    }

    /**
     * The matches within the search's price range, remembered apart from those without one (with heads of their own),
     * so a priced search's first pages are ranked or sorted once too; the matches themselves when it has no range.
     */
    private Matches priced(Matches all, String key, SearchFilter filter) {
        if (!filter.priced()) {
            return all;
        }
        return remember(key + '\u0000' + filter.minCents() + '\u0000' + filter.maxCents(),
            () -> SortedInts.filter(all.slots, filter::price), false);
    }

    /**
     * A relevance search's first usable word (and whether it is also a prefix), typos, brands and categories: what its
     * matches, and the facet counts over them, depend on ({@link #relevance}, {@link FacetTally#of}).
     */
    static String firstWordKey(ProductQuery q, Terms terms) {
        return "R" + FacetTally.firstTerm(terms) + '\u0000' + q.typos() + '\u0000' + q.brands() + '\u0000' + q.categories();
    }

    /** A search's words, typos, brands and categories, as the key of what is remembered of it. */
    static String key(ProductQuery q) {
        return String.join(" ", q.words()) + '\u0000' + q.typos() + '\u0000' + q.brands() + '\u0000' + q.categories();
    }

    /**
     * A search's matches as remembered by this snapshot, or computed (and remembered when that is on). {@code counted}:
     * the search counts as remembered or computed ({@link SearchCounts}: once per search, not for its price range).
     */
    private Matches remember(String key, java.util.function.Supplier<int[]> compute, boolean counted) {
        Matches found = remembered.searches.get(key);
        if (found != null) {
            if (counted) {
                remembered.counts.remembered.increment();
            }
            return found;
        }
        if (counted) {
            remembered.counts.computed.increment();
        }
        found = new Matches(compute.get());
        if (!remembered.enabled) {
            return found;
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

    /** The sorted slots a search draws from: its one category's, or the whole catalog's. */
    private int[] scope(List<String> categories, IndexSort sort) {
        if (categories.size() != 1) {
            return global[sort.ordinal()];
        }
        int[][] o = this.categories.get(categories.get(0));
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

    static void siftUp(long[] heap, int i) {
        while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
            long t = heap[i];
            heap[i] = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    }

    static void siftDown(long[] heap, int size) {
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
