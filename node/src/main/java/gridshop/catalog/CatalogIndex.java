package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import gridshop.platform.GridMode;
import jakarta.inject.Singleton;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The shop's search index: each node keeps one for the whole catalog in its heap, and answers category pages,
 * searches and category counts from it, without SQL. A page is a walk over pre-sorted arrays or an
 * intersection of word lists, not a scan of a million rows: SQL over the grid costs milliseconds per query,
 * this costs microseconds. The grid stays the source of truth; the index holds ids, sort keys and words, and
 * the products of a page are read from the grid.
 *
 * <p>One writer (the feed that follows the product cache) calls {@link #apply}; any number of readers search
 * an immutable snapshot, replaced as a whole after each batch of changes. A product changed in a batch has its
 * category's sort orders and its words' lists rebuilt; the rest of the snapshot is shared.
 */
@GridMode
@Singleton
public final class CatalogIndex {
    /** The sort orders of {@code GET /api/products}; ties are broken by id, as in SQL. */
    enum Sort {
        ID(Comparator.comparingLong(Item::id)),
        PRICE(Comparator.comparingLong(Item::cents).thenComparingLong(Item::id)),
        PRICE_DESC(Comparator.comparingLong(Item::cents).reversed().thenComparingLong(Item::id)),
        NAME(Comparator.comparing(Item::name).thenComparingLong(Item::id)),
        RATING_DESC(Comparator.comparingDouble(Item::rating).reversed().thenComparingLong(Item::id));

        final Comparator<Item> order;

        Sort(Comparator<Item> order) {
            this.order = order;
        }

        static Sort of(String sort) {
            if (sort == null) {
                return ID;
            }
            return switch (sort) {
                case "price" -> PRICE;
                case "-price" -> PRICE_DESC;
                case "name" -> NAME;
                case "-rating" -> RATING_DESC;
                default -> throw new IllegalArgumentException("unchecked sort [sort=" + sort + "]");
            };
        }
    }

    /** What the index keeps of a product: its sort keys, filters and words. */
    record Item(long id, String category, String brand, long cents, double rating, String name, long version,
                String[] words) {
        static Item of(Product p, Map<String, String> vocabulary) {
            Set<String> words = new LinkedHashSet<>();
            words.addAll(SearchText.words(p.name()));
            words.addAll(SearchText.words(p.brand()));
            words.addAll(SearchText.words(p.description()));
            String[] shared = words.stream().map(w -> vocabulary.computeIfAbsent(w, x -> x)).toArray(String[]::new);
            return new Item(p.id(), vocabulary.computeIfAbsent(p.category(), x -> x),
                vocabulary.computeIfAbsent(p.brand(), x -> x), p.price().movePointRight(2).longValueExact(), p.rating(),
                p.name(), p.version(), shared);
        }
    }

    /** One page of ids in the asked order, and how many products match in all. */
    public record Hits(long[] ids, long total) {
    }

    /** A category's members, once per sort order. */
    private record Orders(int[][] bySort) {
        int size() {
            return bySort[0].length;
        }
    }

    private record Snapshot(Item[] items, TreeMap<String, Orders> categories, Map<String, int[]> words,
                            Map<String, int[]> brands) {
    }

    // Writer state: slots are positions in items[], stable for a product's lifetime.
    private final Map<Long, Integer> slots = new HashMap<>();
    private final Map<String, String> vocabulary = new HashMap<>();
    private Item[] items = new Item[1024];
    private int used;
    private volatile Snapshot snapshot = new Snapshot(items, new TreeMap<>(), Map.of(), Map.of());

    /**
     * Adds or replaces products (an older version than the one indexed is ignored), then publishes them with one
     * rebuild of what they touch. Products are read one at a time, so a first fill of a million products from a
     * cursor never holds them all in the heap.
     */
    public synchronized void apply(Iterable<Product> products) {
        Changes changes = new Changes();
        products.forEach(p -> stage(p, changes));
        publish(changes);
    }

    /** What a batch touched: the categories, brands and words whose lists must be rebuilt. */
    private static final class Changes {
        final Set<String> categories = new HashSet<>();
        final Set<String> words = new HashSet<>();
        final Set<String> brands = new HashSet<>();
    }

    private void stage(Product p, Changes changes) {
        Integer slot = slots.get(p.id());
        Item old = slot == null ? null : items[slot];
        if (old != null && old.version() > p.version()) {
            return;
        }
        Item next = Item.of(p, vocabulary);
        if (slot == null) {
            slot = used++;
            if (slot == items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            slots.put(p.id(), slot);
        }
        items[slot] = next;
        changes.categories.add(next.category());
        boolean brandChanged = old == null || !old.brand().equals(next.brand());
        boolean wordsChanged = old == null || !Arrays.equals(old.words(), next.words());
        if (brandChanged) {
            changes.brands.add(next.brand());
        }
        if (wordsChanged) {
            changes.words.addAll(Arrays.asList(next.words()));
        }
        if (old != null) {
            changes.categories.add(old.category());
            if (brandChanged) {
                changes.brands.add(old.brand());
            }
            if (wordsChanged) {
                changes.words.addAll(Arrays.asList(old.words()));
            }
        }
    }

    public int size() {
        return used;
    }

    /** Rebuilds what the changed products touch; on the first load that is everything, in one pass. */
    private void publish(Changes changes) {
        if (changes.categories.isEmpty()) {
            return;
        }
        Snapshot old = snapshot;
        Map<String, Ints> catMembers = new HashMap<>();
        Map<String, Ints> wordMembers = new HashMap<>();
        Map<String, Ints> brandMembers = new HashMap<>();
        changes.categories.forEach(c -> catMembers.put(c, new Ints()));
        changes.words.forEach(w -> wordMembers.put(w, new Ints()));
        changes.brands.forEach(b -> brandMembers.put(b, new Ints()));
        for (int slot = 0; slot < used; slot++) {
            Item it = items[slot];
            Ints c = catMembers.get(it.category());
            if (c != null) {
                c.add(slot);
            }
            Ints b = brandMembers.get(it.brand());
            if (b != null) {
                b.add(slot);
            }
            for (String w : it.words()) {
                Ints m = wordMembers.get(w);
                if (m != null) {
                    m.add(slot);
                }
            }
        }
        Item[] view = items;
        TreeMap<String, Orders> cats = new TreeMap<>(old.categories());
        catMembers.forEach((name, members) -> {
            if (members.size == 0) {
                cats.remove(name);
            } else {
                cats.put(name, orders(view, members.toArray()));
            }
        });
        snapshot = new Snapshot(view, cats, merge(old.words(), wordMembers), merge(old.brands(), brandMembers));
    }

    private static Map<String, int[]> merge(Map<String, int[]> old, Map<String, Ints> changed) {
        Map<String, int[]> next = new HashMap<>(old);
        changed.forEach((k, v) -> {
            if (v.size == 0) {
                next.remove(k);
            } else {
                next.put(k, v.toArray());
            }
        });
        return next;
    }

    private static Orders orders(Item[] items, int[] members) {
        Sort[] sorts = Sort.values();
        int[][] bySort = new int[sorts.length][];
        Integer[] boxed = Arrays.stream(members).boxed().toArray(Integer[]::new);
        for (Sort s : sorts) {
            Arrays.sort(boxed, (a, b) -> s.order.compare(items[a], items[b]));
            bySort[s.ordinal()] = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        return new Orders(bySort);
    }

    /** The products of every category, by name. */
    public List<CategoryResponse> categories() {
        List<CategoryResponse> out = new ArrayList<>();
        snapshot.categories().forEach((name, o) -> out.add(new CategoryResponse(name, o.size())));
        return out;
    }

    /** The ids of one page of a search, in its order, and the number of all matches. */
    Hits search(ProductQuery q) {
        Snapshot s = snapshot;
        Sort sort = Sort.of(q.sort());
        long from = (long) q.page() * q.size();
        int want = (int) Math.min(Integer.MAX_VALUE, from + q.size());
        long minCents = q.minPrice() == null ? Long.MIN_VALUE
            : q.minPrice().movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
        long maxCents = q.maxPrice() == null ? Long.MAX_VALUE
            : q.maxPrice().movePointRight(2).setScale(0, RoundingMode.FLOOR).longValueExact();
        boolean priced = q.minPrice() != null || q.maxPrice() != null;
        Item[] items = s.items();
        IntPredicate inPrice = slot -> items[slot].cents() >= minCents && items[slot].cents() <= maxCents;

        List<int[]> lists = new ArrayList<>();
        for (String w : q.words()) {
            lists.add(s.words().getOrDefault(w, new int[0]));
        }
        if (q.brand() != null) {
            lists.add(s.brands().getOrDefault(q.brand(), new int[0]));
        }
        if (!lists.isEmpty()) {
            int[] candidates = intersect(lists);
            String category = q.category();
            IntPredicate keep = category == null ? inPrice : inPrice.and(slot -> items[slot].category().equals(category));
            int[] matches = Arrays.stream(candidates).filter(keep).toArray();
            List<int[]> orders = orders(s, q.category(), sort);
            long scope = orders.stream().mapToLong(o -> o.length).sum();
            if ((double) want * scope >= (double) matches.length * matches.length) {
                // Few matches: sort them (or keep the best in a heap).
                return new Hits(page(top(items, matches, sort, want), items, from), matches.length);
            }
            // Many matches: walk the pre-sorted orders and stop at the first page's end.
            BitSet in = new BitSet(items.length);
            Arrays.stream(matches).forEach(in::set);
            return new Hits(page(merge(items, orders, sort, in::get, want), items, from), matches.length);
        }
        List<int[]> orders = orders(s, q.category(), sort);
        long total = 0;
        for (int[] o : orders) {
            total += priced ? Arrays.stream(o).filter(inPrice).count() : o.length;
        }
        int[] first = total <= from ? new int[0] : merge(items, orders, sort, priced ? inPrice : slot -> true, want);
        return new Hits(page(first, items, from), total);
    }

    /** The sorted arrays a search walks: its category's, or every category's. */
    private static List<int[]> orders(Snapshot s, String category, Sort sort) {
        List<int[]> orders = new ArrayList<>();
        if (category != null) {
            Orders o = s.categories().get(category);
            if (o != null) {
                orders.add(o.bySort()[sort.ordinal()]);
            }
        } else {
            s.categories().values().forEach(o -> orders.add(o.bySort()[sort.ordinal()]));
        }
        return orders;
    }

    private static long[] page(int[] first, Item[] items, long from) {
        if (first.length <= from) {
            return new long[0];
        }
        long[] ids = new long[(int) (first.length - from)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items[first[(int) from + i]].id();
        }
        return ids;
    }

    /** The first {@code want} matching slots of several sorted arrays, merged in order. */
    private static int[] merge(Item[] items, List<int[]> orders, Sort sort, IntPredicate keep, int want) {
        int[] pos = new int[orders.size()];
        PriorityQueue<Integer> heads = new PriorityQueue<>((a, b) ->
            sort.order.compare(items[orders.get(a)[pos[a]]], items[orders.get(b)[pos[b]]]));
        for (int i = 0; i < orders.size(); i++) {
            if (advance(orders.get(i), pos, i, keep)) {
                heads.add(i);
            }
        }
        Ints out = new Ints();
        while (out.size < want && !heads.isEmpty()) {
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
    private static int[] top(Item[] items, int[] matches, Sort sort, int want) {
        Comparator<Integer> order = (a, b) -> sort.order.compare(items[a], items[b]);
        if (want >= matches.length / 4) {
            Integer[] all = Arrays.stream(matches).boxed().sorted(order).toArray(Integer[]::new);
            return Arrays.stream(all).limit(want).mapToInt(Integer::intValue).toArray();
        }
        PriorityQueue<Integer> worst = new PriorityQueue<>(want + 1, order.reversed());
        for (int m : matches) {
            worst.add(m);
            if (worst.size() > want) {
                worst.poll();
            }
        }
        return worst.stream().sorted(order).mapToInt(Integer::intValue).toArray();
    }

    /** The slots in all of the sorted lists, shortest list first. */
    private static int[] intersect(List<int[]> lists) {
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

    /** A growable int array. */
    private static final class Ints {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
