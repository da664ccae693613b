import gridshop.catalog.index.CatalogIndex;
import gridshop.catalog.index.IndexSnapshot;
import gridshop.catalog.index.ProductJson;
import gridshop.catalog.index.ProductQuery;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import gridshop.grid.catalog.Stock;
import gridshop.persistence.catalog.DemoCatalog;
import io.micronaut.json.JsonMapper;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The catalog index's search alone, with no HTTP, grid or wrk: the demo catalog put into a {@link CatalogIndex} (as
 * IndexSize.java does), then the searches of mix.lua's scenarios drawn the same way (catalog words by a Zipf law,
 * typos, prefixes, brands, prices, categories, facets) called on it in one thread. Prints, per scenario, the CPU time
 * of that thread per query (not the wall clock: the machine may be shared), and a SHA-256 of every answer's JSON:
 * two builds that answer alike print the same digests (what "without changing its results" is checked with); the times are for finding where the time goes (profile with
 * {@code -XX:StartFlightRecording}), not for the benchmark's figures.
 *   java -Xmx3g -cp NODE_CLASSPATH scripts/bench/SearchDriver.java PRODUCTS QUERIES [remember|compute] [SCENARIO…]
 * Scenarios: mix-words (mix.lua's searches only), search (BENCH_SEARCH's), facets (those with all four facets),
 * pages (category pages), page-facets (category pages with facets), suggest (suggest.lua's).
 */
public final class SearchDriver {
    private static final String[] SORTS = {"", "|sort=price", "|sort=-price", "|sort=name", "|sort=-rating"};
    private static final int[] PRICES = {5, 10, 20, 50, 100, 200, 500, 1000};
    private static final String FACETS = "|facets=category,brand,price,rating";

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final SplittableRandom r = new SplittableRandom(20261202);
    private final List<String> vocabulary;
    private final double[] zipf;
    private final List<String> brands;
    private final List<String> categories;

    private SearchDriver(List<String> vocabulary, List<String> brands, List<String> categories) {
        this.vocabulary = vocabulary;
        this.brands = brands;
        this.categories = categories;
        zipf = new double[vocabulary.size()];
        double total = 0;
        for (int i = 0; i < zipf.length; i++) {
            total += 1.0 / (i + 1);
            zipf[i] = total;
        }
    }

    public static void main(String[] args) throws Exception {
        long products = Long.parseLong(args[0]);
        int queries = Integer.parseInt(args[1]);
        boolean remember = args.length < 3 || !args[2].equals("compute");
        List<String> scenarios = args.length > 3 ? List.of(args).subList(3, args.length)
            : List.of("mix-words", "search", "facets", "pages", "page-facets", "suggest");
        ProductJson json = new ProductJson(JsonMapper.createDefault());
        CatalogIndex index = new CatalogIndex(json, remember);
        List<Product> batch = new ArrayList<>();
        List<Stock> stock = new ArrayList<>();
        Map<String, Integer> containing = new HashMap<>();
        Set<String> brands = new TreeSet<>();
        Set<String> categories = new TreeSet<>();
        long step = Math.max(1, products / 20_000);
        int sampled = 0;
        for (long id = 1; id <= products; id++) {
            Product p = DemoCatalog.product(id);
            batch.add(p);
            stock.add(new Stock(id, DemoCatalog.stock(id), 1, DemoCatalog.createdAt()));
            if ((id - 1) % step == 0) {
                Set<String> words = new HashSet<>(SearchText.words(p.name()));
                words.addAll(SearchText.words(p.brand()));
                words.addAll(SearchText.words(p.description()));
                words.forEach(w -> containing.merge(w, 1, Integer::sum));
                sampled++;
            }
            brands.add(p.brand());
            categories.add(p.category());
            if (batch.size() == 100_000 || id == products) {
                index.apply(batch);
                index.stock(stock);
                batch.clear();
                stock.clear();
            }
        }
        int limit = (int) (sampled * 0.2);
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(containing.entrySet());
        ranked.removeIf(e -> e.getValue() > limit);
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        SearchDriver d = new SearchDriver(ranked.stream().map(Map.Entry::getKey).toList(), List.copyOf(brands),
            List.copyOf(categories));
        for (String scenario : scenarios) {
            d.run(scenario, index, json, queries);
        }
    }

    private void run(String scenario, CatalogIndex index, ProductJson json, int queries) throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            paths.add(switch (scenario) {
                case "mix-words" -> plainSearch();
                case "search" -> typedSearch("");
                case "facets" -> typedSearch(FACETS);
                case "pages" -> "category=" + pick(categories) + pick(SORTS) + "|page=" + page();
                case "page-facets" -> "category=" + pick(categories) + pick(SORTS) + FACETS + "|page=" + page();
                case "suggest" -> suggestion();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            });
        }
        double[] us = new double[3];
        String sha = null;
        for (int round = 0; round < 3; round++) { // the first round is cold (nothing remembered, JIT not warm)
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long t0 = CPU.getCurrentThreadCpuTime();
            for (String path : paths) {
                digest.update(answer(scenario, path, index, json));
            }
            us[round] = (CPU.getCurrentThreadCpuTime() - t0) / 1000.0 / paths.size();
            String roundSha = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            if (sha != null && !sha.equals(roundSha)) {
                throw new IllegalStateException("round " + round + " answered otherwise than round 0 [scenario=" + scenario + "]");
            }
            sha = roundSha;
        }
        System.out.printf(Locale.ROOT, "BENCH-DRIVER %-12s %6d queries, CPU us/query: first round %8.1f, third %8.1f; sha256 %s%n",
            scenario, paths.size(), us[0], us[2], sha);
    }

    private static byte[] answer(String scenario, String path, CatalogIndex index, ProductJson json) {
        Map<String, List<String>> params = parse(path);
        if (scenario.equals("suggest")) {
            return index.suggestJson(SearchText.words(params.get("q").get(0)), 8); // as the API answers: remembered when on
        }
        ProductQuery q = ProductQuery.parse(params);
        IndexSnapshot.Hits hits = index.search(q);
        return json.page(hits, q);
    }

    private static Map<String, List<String>> parse(String path) {
        Map<String, List<String>> out = new HashMap<>();
        for (String kv : path.split("\\|")) {
            int eq = kv.indexOf('=');
            out.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
        }
        return out;
    }

    private String pick(List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    private String pick(String[] from) {
        return from[r.nextInt(from.length)];
    }

    private String zipfWord() {
        double u = r.nextDouble() * zipf[zipf.length - 1];
        int lo = 0;
        int hi = zipf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return vocabulary.get(lo);
    }

    private String absent() {
        StringBuilder w = new StringBuilder("q");
        for (int i = 4 + r.nextInt(5); i > 0; i--) {
            w.append((char) ('a' + r.nextInt(26)));
        }
        return w.toString();
    }

    private String swapped(String w) {
        int i = r.nextInt(w.length() - 1);
        return w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
    }

    /** mix.lua's words: 5 % misspelled (swapped letters) or absent. */
    private String typedWord() {
        String w = zipfWord();
        if (r.nextDouble() >= 0.05) {
            return w;
        }
        return w.length() >= 4 && r.nextBoolean() ? swapped(w) : absent();
    }

    /** BENCH_SEARCH's words: 10 % one edit off, 2 % absent. */
    private String misspelledWord() {
        String w = zipfWord();
        double u = r.nextDouble();
        if (u < 0.10 && w.length() >= 3) {
            int i = r.nextInt(w.length() - 1);
            return switch (r.nextInt(3)) {
                case 0 -> swapped(w);
                case 1 -> w.substring(0, i) + w.substring(i + 1);
                default -> w.substring(0, i) + (char) ('a' + r.nextInt(26)) + w.substring(i + 1);
            };
        }
        return u < 0.12 ? absent() : w;
    }

    private int page() {
        double u = r.nextDouble() * (63 / 32.0);
        int p = 0;
        double weight = 1;
        while (u > weight && p < 5) {
            u -= weight;
            p++;
            weight /= 2;
        }
        return p;
    }

    private int words() {
        double n = r.nextDouble();
        return n < 0.55 ? 1 : n < 0.85 ? 2 : 3;
    }

    private String filters(boolean twoBrands) {
        StringBuilder out = new StringBuilder();
        if (r.nextDouble() < 0.15) {
            out.append("|brand=").append(pick(brands));
            if (twoBrands && r.nextDouble() < 1 / 3.0) {
                out.append("|brand=").append(pick(brands));
            }
        }
        if (r.nextDouble() < 0.2) {
            int low = r.nextInt(PRICES.length - 1);
            out.append("|minPrice=").append(PRICES[low]).append("|maxPrice=")
                .append(PRICES[low + 1 + r.nextInt(PRICES.length - 1 - low)]);
        }
        if (r.nextDouble() < 0.2) {
            out.append("|category=").append(pick(categories));
        }
        return out.toString();
    }

    private String plainSearch() {
        List<String> words = new ArrayList<>();
        for (int i = words(); i > 0; i--) {
            words.add(typedWord());
        }
        return "q=" + String.join(" ", words) + filters(false) + pick(SORTS) + "|page=" + page();
    }

    private String typedSearch(String facets) {
        int n = words();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(misspelledWord());
        }
        String last = words.get(n - 1);
        if (r.nextDouble() < 0.25 && last.length() >= 4) {
            words.set(n - 1, last.substring(0, 3 + r.nextInt(last.length() - 3)));
        }
        String sort = r.nextDouble() >= 0.8 ? SORTS[1 + r.nextInt(SORTS.length - 1)] : "";
        return "q=" + String.join(" ", words) + filters(true) + sort + facets + "|page=" + page();
    }

    private String suggestion() {
        String w = zipfWord();
        String q = w.substring(0, Math.min(w.length(), 2 + r.nextInt(4)));
        return "q=" + (r.nextDouble() < 0.2 ? zipfWord() + " " + q : q);
    }
}
