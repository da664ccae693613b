package gridshop.catalog.index;

import gridshop.grid.catalog.SearchText;
import gridshop.platform.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query of {@code GET /api/products}, checked: any unknown parameter or bad value is a 400. */
public record ProductQuery(String category, String brand, List<String> words, BigDecimal minPrice, BigDecimal maxPrice,
                    String sort, int page, int size) {

    static final Set<String> PARAMETERS = Set.of("category", "brand", "q", "minPrice", "maxPrice", "sort", "page", "size");
    static final Set<String> SORTS = Set.of("price", "-price", "name", "-rating");
    private static final int MAX_WORDS = 8;
    private static final int MAX_OFFSET = 100_000;

    public static ProductQuery parse(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                throw ApiException.badRequest("unknown query parameter '" + p.getKey() + "'; known: " + PARAMETERS);
            }
            if (p.getValue().size() > 1) {
                throw ApiException.badRequest("query parameter '" + p.getKey() + "' given more than once");
            }
        }
        String sort = text(params, "sort");
        if (sort != null && !SORTS.contains(sort)) {
            throw ApiException.badRequest("sort must be one of price, -price, name, -rating [sort=" + sort + "]");
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
        return new ProductQuery(text(params, "category"), text(params, "brand"), words, min, max, sort, page, size);
    }

    private static String text(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            return null;
        }
        if (v.get(0).length() > 200) {
            throw ApiException.badRequest(name + " is longer than 200 characters");
        }
        return v.get(0).trim();
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
