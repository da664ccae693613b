package gridshop.catalog.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** One random filter combination of a search with facets, as query parameters and as SQL over the PRODUCT table. */
record FacetCase(String word, List<String> categories, List<String> brands, BigDecimal min, BigDecimal max) {
    static final String PRICE_BAND = "CASE WHEN price < 10 THEN '0-10' WHEN price < 20 THEN '10-20' WHEN price < 50 "
        + "THEN '20-50' WHEN price < 100 THEN '50-100' WHEN price < 200 THEN '100-200' WHEN price < 500 THEN '200-500' "
        + "WHEN price < 1000 THEN '500-1000' ELSE '1000+' END";
    private static final List<String> WORDS = List.of("wireless", "oak", "pro", "compact", "s", "organic", "acme");

    static FacetCase random(Random r, List<String> categories, List<String> brands) {
        String word = r.nextInt(4) == 0 ? null : WORDS.get(r.nextInt(WORDS.size()));
        BigDecimal min = r.nextInt(3) == 0 ? BigDecimal.valueOf(r.nextInt(100)) : null;
        BigDecimal max = r.nextInt(3) == 0 ? BigDecimal.valueOf(100 + r.nextInt(1000)) : null;
        return new FacetCase(word, some(r, categories), some(r, brands), min, max);
    }

    private static List<String> some(Random r, List<String> from) {
        List<String> out = new ArrayList<>();
        for (int n = r.nextInt(3); n > 0; n--) {
            String v = from.get(r.nextInt(from.size()));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    String query() {
        StringBuilder b = new StringBuilder();
        if (word != null) {
            b.append("&q=").append(word);
        }
        categories.forEach(c -> b.append("&category=").append(c));
        brands.forEach(c -> b.append("&brand=").append(c.replace(" ", "%20").replace("&", "%26")));
        if (min != null) {
            b.append("&minPrice=").append(min);
        }
        if (max != null) {
            b.append("&maxPrice=").append(max);
        }
        return b.toString();
    }

    /** Every filter but the one of {@code facet} (null: every filter). */
    String where(String facet) {
        List<String> and = new ArrayList<>(List.of("TRUE"));
        if (word != null) { // the one word is the last, so also a prefix: after a space or the demo's punctuation
            String text = "' ' || name || ' ' || brand || ' ' || description";
            for (String punctuation : List.of(",", ".", "-", "&")) {
                text = "REPLACE(" + text + ", '" + punctuation + "', ' ')";
            }
            and.add("LOWER(" + text + ") LIKE '% " + word + "%'");
        }
        if (!"category".equals(facet) && !categories.isEmpty()) {
            and.add("category IN (" + quoted(categories) + ")");
        }
        if (!"brand".equals(facet) && !brands.isEmpty()) {
            and.add("brand IN (" + quoted(brands) + ")");
        }
        if (!"price".equals(facet) && min != null) {
            and.add("price >= " + min);
        }
        if (!"price".equals(facet) && max != null) {
            and.add("price <= " + max);
        }
        return String.join(" AND ", and);
    }

    String groupBy(String facet, String value) {
        return "SELECT " + value + ", COUNT(*) FROM PRODUCT WHERE " + where(facet) + " GROUP BY " + value;
    }

    List<List<?>> ratings() {
        List<List<?>> out = new ArrayList<>();
        for (int from = 1; from <= 4; from++) {
            out.add(List.of(from + "+", SearchApiTest.count(where(null) + " AND rating >= " + from)));
        }
        return out;
    }

    /** The SQL rows as the API lists them: count > 0 or selected, by count then value (bands by their bound). */
    List<String> expected(String facet, List<List<?>> rows) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(r -> counts.put(r.get(0).toString().trim(), ((Number) r.get(1)).longValue()));
        counts.values().removeIf(n -> n == 0);
        List<String> selected = facet.equals("category") ? categories : facet.equals("brand") ? brands : List.of();
        selected.forEach(v -> counts.putIfAbsent(v, 0L));
        Comparator<Map.Entry<String, Long>> byValue = facet.equals("price") || facet.equals("rating")
            ? Comparator.comparingInt(e -> Integer.parseInt(e.getKey().replaceAll("\\D.*", "")))
            : Map.Entry.comparingByKey();
        return counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(byValue))
            .map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
    }
}
