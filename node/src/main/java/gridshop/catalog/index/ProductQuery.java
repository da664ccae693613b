package gridshop.catalog.index;

import gridshop.grid.catalog.SearchText;
import gridshop.platform.ApiException;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /api/products}, checked: any unknown parameter or bad value is a 400. {@code categories} and
 * {@code brands} are OR lists (empty: no filter); {@code sort} null is the catalog's order by id ({@link #parse} makes
 * it {@code relevance} when there are words).
 */
public record ProductQuery(List<String> categories, List<String> brands, List<String> words, BigDecimal minPrice,
                           BigDecimal maxPrice, String sort, int page, int size, boolean typos, Set<String> facets,
                           boolean highlight) {

    static final Set<String> PARAMETERS = Set.of("category", "brand", "q", "minPrice", "maxPrice", "sort", "page", "size",
        "typos", "facets", "highlight");
    static final Set<String> REPEATABLE = Set.of("category", "brand");
    static final Set<String> SORTS = Set.of("relevance", "price", "-price", "name", "-rating");
    public static final List<String> FACETS = List.of("category", "brand", "price", "rating");
    private static final int MAX_WORDS = 8;
    private static final int MAX_VALUES = 20;
    private static final int MAX_OFFSET = 100_000;

    /** The query as it was before search: one category, one brand, no facets; typos on. */
    public ProductQuery(String category, String brand, List<String> words, BigDecimal minPrice, BigDecimal maxPrice,
                        String sort, int page, int size) {
        this(category == null ? List.of() : List.of(category), brand == null ? List.of() : List.of(brand), words,
            minPrice, maxPrice, sort, page, size, true, Set.of(), false);
    }

    public boolean relevance() {
        return "relevance".equals(sort);
    }

    public static ProductQuery parse(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                throw ApiException.badRequest("unknown query parameter '" + p.getKey() + "'; known: " + PARAMETERS);
            }
            if (p.getValue().size() > 1 && !REPEATABLE.contains(p.getKey())) {
                throw ApiException.badRequest("query parameter '" + p.getKey() + "' given more than once");
            }
            if (p.getValue().size() > MAX_VALUES) {
                throw ApiException.badRequest("query parameter '" + p.getKey() + "' given more than " + MAX_VALUES + " times");
            }
        }
        String sort = text(params, "sort");
        if (sort != null && !SORTS.contains(sort)) {
            throw ApiException.badRequest("sort must be one of relevance, price, -price, name, -rating [sort=" + sort + "]");
        }
        int page = integer(params, "page", 0, 0, Integer.MAX_VALUE);
        int size = integer(params, "size", 20, 1, 100);
        if ((long) page * size > MAX_OFFSET) {
            throw ApiException.badRequest("page * size must not exceed " + MAX_OFFSET + "; narrow the search instead");
        }
        BigDecimal min = price(params, "minPrice");
        BigDecimal max = price(params, "maxPrice");
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw ApiException.badRequest("minPrice must not be greater than maxPrice [minPrice=" + min + ", maxPrice=" + max + "]");
        }
        String q = text(params, "q");
        List<String> words = q == null ? List.of() : SearchText.words(q);
        if (words.size() > MAX_WORDS) {
            throw ApiException.badRequest("q may have at most " + MAX_WORDS + " words [words=" + words.size() + "]");
        }
        if (sort == null && !words.isEmpty()) {
            sort = "relevance";
        }
        return new ProductQuery(values(params, "category"), values(params, "brand"), words, min, max, sort, page, size,
            bool(params, "typos", true), facets(text(params, "facets")), bool(params, "highlight", false));
    }

    /** The distinct values of a repeatable parameter, blank ones ignored. */
    private static List<String> values(Map<String, List<String>> params, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : params.getOrDefault(name, List.of())) {
            out.add(checked(name, v));
        }
        out.remove("");
        return List.copyOf(out);
    }

    private static Set<String> facets(String v) {
        if (v == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : v.split(",", -1)) {
            String name = f.trim();
            if (!FACETS.contains(name)) {
                throw ApiException.badRequest("facets must be a comma list of category, brand, price, rating [facets=" + v + "]");
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }

    private static boolean bool(Map<String, List<String>> params, String name, boolean dflt) {
        String v = text(params, name);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false [" + name + "=" + v + "]");
        };
    }

    private static String text(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null;
        }
        return checked(name, v.get(0));
    }

    private static String checked(String name, String v) {
        if (v.length() > 200) {
            throw ApiException.badRequest(name + " is longer than 200 characters");
        }
        return v.trim();
    }

    private static int integer(Map<String, List<String>> params, String name, int dflt, int min, int max) {
        String v = text(params, name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + " [" + name + "=" + v + "]");
    }

    private static BigDecimal price(Map<String, List<String>> params, String name) {
        String v = text(params, name);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal p = new BigDecimal(v);
            if (p.signum() >= 0 && p.compareTo(BigDecimal.valueOf(1_000_000_000)) < 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest(name + " must be a non-negative number [" + name + "=" + v + "]");
    }
}
