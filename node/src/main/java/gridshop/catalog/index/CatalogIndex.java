package gridshop.catalog.index;

import gridshop.api.catalog.CategoryResponse;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.Stock;
import gridshop.platform.GridMode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop's catalog index: each node keeps one for the whole catalog in its heap and answers product pages,
 * category pages, searches and category counts from it, with no grid read and no SQL. A page is a walk over
 * pre-sorted arrays or an intersection of word lists, not a scan of a million rows, and its products' JSON is
 * kept rendered. The grid stays the source of truth: the index follows the product and inventory caches
 * (see {@link CatalogFeed}) and this node's own writes, and is behind another node's write by the time a
 * continuous-query event takes to arrive.
 *
 * <p>One writer at a time (the feed, or a local write) calls {@link #apply} or {@link #stock}; any number of
 * readers search an immutable {@link IndexSnapshot}, replaced after each batch of product changes. A batch
 * rebuilds only what it touched: its products are taken out of their categories' sorted arrays and merged back
 * in, and the lists of their words and brands are patched the same way.
 */
@GridMode
@Singleton
public final class CatalogIndex {
    private static final int CHUNK = 8192;

    private final ProductJson json;
    private final SlotMap slots = new SlotMap();
    private final Map<String, String> vocabulary = new ConcurrentHashMap<>();
    private final WordIds wordIds = new WordIds();
    private final Map<Long, Stock> earlyStock = new HashMap<>();
    private IndexItem[] items = new IndexItem[1024];
    private long[] cents = new long[1024];
    private int[] stock = new int[1024];
    private long[] stockVersion = new long[1024];
    private int[] categoryOf = new int[1024];
    private int[] brandOf = new int[1024];
    private byte[] rating10 = new byte[1024];
    private long[] facetOf = new long[1024];
    private int[][] wordsOf = new int[1024][];
    private final Map<String, Integer> categoryIds = new HashMap<>();
    private final Map<String, Integer> brandIds = new HashMap<>();
    private final List<String> categoryNames = new ArrayList<>();
    private final List<String> brandNames = new ArrayList<>();
    private Synonyms synonyms = Synonyms.NONE;
    private long synonymsVersion;
    private int used;
    private volatile IndexSnapshot snapshot = IndexSnapshot.empty();
    private final IndexSnapshot.SearchCounts counts = new IndexSnapshot.SearchCounts();
    private final boolean rememberSearches;
    /** Whether the snapshots keep each word's products in its own relevance order ({@link WordOrders}). */
    private final boolean wordOrders;
    /** False until the feed has read the catalog in full, and again from a change it may have missed until it has. */
    private volatile boolean current;

    public CatalogIndex(ProductJson json) {
        this(json, true);
    }

    /**
     * {@code gridshop.catalog.remember-searches} off: every word search computes its matches (what the benchmark
     * measures as the shop's cost without the remembered results).
     */
    @Inject
    public CatalogIndex(ProductJson json, CatalogProperties props) {
        this(json, props.rememberSearches());
    }

    public CatalogIndex(ProductJson json, boolean rememberSearches) {
        this(json, rememberSearches, true);
    }

    private CatalogIndex(ProductJson json, boolean rememberSearches, boolean wordOrders) {
        this.json = json;
        this.rememberSearches = rememberSearches;
        this.wordOrders = wordOrders;
    }

    /**
     * An index that remembers nothing and keeps no {@link WordOrders}: every relevance search ranks all its matches,
     * the reference the faster ways are compared with in tests.
     */
    static CatalogIndex rankingEveryMatch(ProductJson json) {
        return new CatalogIndex(json, false, false);
    }

    /** What a batch touched. */
    private static final class Changes {
        final BitSet slots = new BitSet();
        final Set<String> categories = new HashSet<>();
        final Set<String> words = new HashSet<>();
        final Set<String> brands = new HashSet<>();
    }

    /**
     * Adds or replaces products (a version not newer than the one indexed is ignored: this node's own write comes
     * back through the feed), then publishes them with one rebuild of what they touch. Products are read a chunk
     * at a time, so a first fill of a million products from a scan never holds them all in the heap.
     */
    public synchronized void apply(Iterable<Product> products) {
        apply(products, false);
    }

    /**
     * As {@link #apply}, but a product whose version differs from the one indexed replaces it even if older: after
     * lost partitions were reloaded from PostgreSQL the grid's rows may be older than what the index took in before
     * the loss (writes lost with both copies), and the grid's are the truth now.
     */
    public synchronized void replace(Iterable<Product> products) {
        apply(products, true);
    }

    private void apply(Iterable<Product> products, boolean replace) {
        Changes changes = new Changes();
        List<Product> chunk = new ArrayList<>();
        for (Product p : products) {
            chunk.add(p);
            if (chunk.size() == CHUNK) {
                stage(chunk, changes, replace);
                chunk.clear();
            }
        }
        stage(chunk, changes, replace);
        publish(changes);
    }

    /** Splits words and renders JSON on every core (the bulk of a first fill), then stages in order. */
    private void stage(List<Product> chunk, Changes changes, boolean replace) {
        List<IndexItem> made = (chunk.size() < CHUNK / 16 ? chunk.stream() : chunk.parallelStream())
            .map(p -> IndexItem.of(p, vocabulary, wordIds, json)).toList();
        String[] words = wordIds.words();
        for (int i = 0; i < made.size(); i++) {
            stage(chunk.get(i), made.get(i), words, changes, replace);
        }
    }

    /** Takes in stock levels (an older version than the one held is ignored); nothing is republished. */
    public synchronized void stock(Iterable<Stock> levels) {
        stock(levels, false);
    }

    /** As {@link #stock}, but a level of another version than the one held replaces it even if older (see {@link #replace}). */
    public synchronized void replaceStock(Iterable<Stock> levels) {
        stock(levels, true);
    }

    private void stock(Iterable<Stock> levels, boolean replace) {
        int[] units = stock;
        for (Stock s : levels) {
            int slot = slots.get(s.productId());
            if (slot < 0) {
                earlyStock.merge(s.productId(), s, (a, b) -> a.version() >= b.version() ? a : b);
            } else if (s.version() + 1 >= stockVersion[slot] || replace) {
                stockVersion[slot] = s.version() + 1;
                IndexSnapshot.setStock(units, slot, s.available());
            }
        }
    }

    /**
     * Units this node just sold from a lane's slice of stock (escrow): taken off at once, so the shopper reads them
     * here next; the stock row that counts them in later (a newer version) sets the level as every node sees it.
     */
    public synchronized void sold(Map<Long, Integer> units) {
        units.forEach((id, n) -> {
            int slot = slots.get(id);
            if (slot >= 0) {
                IndexSnapshot.setStock(stock, slot, Math.max(0, stock[slot] - n));
            }
        });
    }

    private void stage(Product p, IndexItem next, String[] words, Changes changes, boolean replace) {
        int slot = slots.get(p.id());
        IndexItem old = slot < 0 ? null : items[slot];
        if (old != null && (replace ? old.version() == p.version() : old.version() >= p.version())) {
            return;
        }
        if (slot < 0) {
            slot = newSlot(p.id());
        }
        items[slot] = next;
        cents[slot] = next.cents();
        categoryOf[slot] = id(next.category(), categoryIds, categoryNames);
        brandOf[slot] = id(next.brand(), brandIds, brandNames);
        rating10[slot] = next.rating10();
        facetOf[slot] = Columns.facet(categoryOf[slot], brandOf[slot], FacetTally.band(next.cents()), next.rating10() / 10);
        wordsOf[slot] = next.words();
        changes.slots.set(slot);
        changes.categories.add(next.category());
        changes.brands.add(next.brand());
        Arrays.stream(next.words()).forEach(w -> changes.words.add(words[IndexItem.word(w)]));
        if (old != null) {
            changes.categories.add(old.category());
            changes.brands.add(old.brand());
            Arrays.stream(old.words()).forEach(w -> changes.words.add(words[IndexItem.word(w)]));
        }
    }

    private int newSlot(long id) {
        int slot = used++;
        if (slot == items.length) {
            items = Arrays.copyOf(items, slot * 2);
            cents = Arrays.copyOf(cents, slot * 2);
            stock = Arrays.copyOf(stock, slot * 2);
            stockVersion = Arrays.copyOf(stockVersion, slot * 2);
            categoryOf = Arrays.copyOf(categoryOf, slot * 2);
            brandOf = Arrays.copyOf(brandOf, slot * 2);
            rating10 = Arrays.copyOf(rating10, slot * 2);
            facetOf = Arrays.copyOf(facetOf, slot * 2);
            wordsOf = Arrays.copyOf(wordsOf, slot * 2);
        }
        slots.add(id, slot);
        Stock early = earlyStock.remove(id);
        if (early != null) {
            stockVersion[slot] = early.version() + 1;
            IndexSnapshot.setStock(stock, slot, early.available());
        }
        return slot;
    }

    private static int id(String name, Map<String, Integer> ids, List<String> names) {
        return ids.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    /** Searches from now on treat the words of each group as one (the remembered matches are forgotten). */
    public synchronized void synonyms(Synonyms next) {
        synonyms = next;
        snapshot = snapshot.with(next);
    }

    /**
     * {@link #synonyms(Synonyms)} for a stored synonym set of {@code version}; a version not newer than the one applied
     * is ignored (this node's own write comes back through the feed, and a full read may deliver an older set).
     */
    public synchronized void synonyms(Synonyms next, long version) {
        if (version > synonymsVersion) {
            synonymsVersion = version;
            synonyms(next);
        }
    }

    public Synonyms synonyms() {
        return snapshot.searching().synonyms();
    }

    /** How this index has answered word searches since it started: from remembered matches, or computed. */
    public IndexSnapshot.SearchCounts searchCounts() {
        return counts;
    }

    public int size() {
        return used;
    }

    private void publish(Changes changes) {
        if (changes.slots.isEmpty()) {
            return;
        }
        IndexSnapshot old = snapshot;
        boolean everything = old.categories().isEmpty() || changes.slots.cardinality() > used / 8;
        String[] words = wordIds.words();
        IndexListBuilder lists = everything ? IndexListBuilder.full(items, used, words, wordOrders) : IndexListBuilder.patch(items,
            words, old, changes.slots, changes.categories, changes.words, changes.brands);
        Lexicon lexicon = everything ? Lexicon.of(lists.words().keySet())
            : old.searching().lexicon().next(changes.words, lists.words());
        Columns columns = new Columns(categoryOf, brandOf, rating10, wordsOf, categoryNames.toArray(String[]::new),
            brandNames.toArray(String[]::new), Map.copyOf(categoryIds), Map.copyOf(brandIds), facetOf);
        snapshot = new IndexSnapshot(items, cents, stock, lists.categories(), lists.global(), lists.ranks(items.length),
            lists.members(), lists.words(), lists.brands(), new IndexSnapshot.Remembered(counts, rememberSearches),
            new IndexSnapshot.Searching(lexicon, synonyms, columns, wordIds, lists.orders()));
    }

    /** The products of every category, by name. */
    public List<CategoryResponse> categories() {
        List<CategoryResponse> out = new ArrayList<>();
        snapshot.categories().forEach((name, o) -> out.add(new CategoryResponse(name, o[0].length)));
        return out;
    }

    /** What searches read now (for tests of this package). */
    IndexSnapshot snapshot() {
        return snapshot;
    }

    public IndexSnapshot.Hits search(ProductQuery q) {
        return snapshot.search(q);
    }

    /**
     * Completions of {@code words} (at least one), the last one half-typed; at most {@code size}; computed each time
     * (the typed answer, for tests; shoppers get {@link #suggestJson}).
     */
    public List<gridshop.api.catalog.SuggestionResponse> suggest(List<String> words, int size) {
        return Suggester.suggest(snapshot, words, size);
    }

    /** {@link #suggest} as JSON, remembered per snapshot when remembering is on. */
    public byte[] suggestJson(List<String> words, int size) {
        return Suggester.json(snapshot, words, size, json);
    }

    /** The product as indexed, with its stock; no hits if it is not (yet) in the index. */
    /**
     * Whether the index holds every change the feed has seen, as far as it knows: false before the first full read, and
     * from a node's departure or join (changes its primaries may not have sent) or a batch that failed to apply, until
     * the catalog is read again. What must not be stale for long (the price an order copies) reads the grid meanwhile.
     */
    public boolean current() {
        return current;
    }

    /** Set by the feed: {@code false} when a change may have been missed, {@code true} after a full read. */
    public void current(boolean current) {
        this.current = current;
    }

    public IndexSnapshot.Hits product(long id) {
        return snapshot.at(slots.get(id));
    }
}
