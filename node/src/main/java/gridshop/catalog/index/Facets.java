package gridshop.catalog.index;

import gridshop.api.catalog.FacetCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact, disjunctive facet counts over the products a search's words match, in one pass over per-slot columns: a
 * product counts for a facet when it passes every filter but that facet's own (category, brand, price; no filter
 * narrows the rating bands but the others). Values are sorted by count, then value (bands in their own order); only
 * values with products are listed, except a selected category or brand, which is always shown. The counting is in
 * {@link FacetTally}; this class turns the tallies into the answer.
 */
final class Facets {
    static final int TOP_BRANDS = 20;
    static final long[] PRICE_FROM = {0, 10, 20, 50, 100, 200, 500, 1000};
    static final int[] RATING_FROM = {4, 3, 2, 1};

    private Facets() {
    }

    /** The facets {@code q} asks for, in the order of {@link ProductQuery#FACETS}, from the tallies. */
    static Map<String, List<FacetCount>> answer(FacetTally t, Columns cols, ProductQuery q) {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        for (String facet : ProductQuery.FACETS) {
            if (!q.facets().contains(facet)) {
                continue;
            }
            out.put(facet, switch (facet) {
                case "category" -> values(t.byCategory(), cols.categoryNames(), q.categories(), Integer.MAX_VALUE);
                case "brand" -> values(t.byBrand(), cols.brandNames(), q.brands(), TOP_BRANDS);
                case "price" -> prices(t.byPrice());
                default -> ratings(t.byRating());
            });
        }
        return out;
    }

    private static List<FacetCount> values(long[] counts, String[] names, List<String> selected, int top) {
        List<FacetCount> out = new ArrayList<>();
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0 || selected.contains(names[id])) {
                out.add(new FacetCount(names[id], counts[id]));
            }
        }
        for (String s : selected) {
            if (out.stream().noneMatch(v -> v.value().equals(s))) {
                out.add(new FacetCount(s, 0));
            }
        }
        out.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value));
        List<FacetCount> shown = new ArrayList<>(out.subList(0, Math.min(top, out.size())));
        out.stream().skip(shown.size()).filter(v -> selected.contains(v.value())).forEach(shown::add);
        return shown;
    }

    private static List<FacetCount> prices(long[] counts) {
        List<FacetCount> out = new ArrayList<>();
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                boolean last = b == counts.length - 1;
                int from = (int) PRICE_FROM[b];
                out.add(new FacetCount(last ? from + "+" : from + "-" + PRICE_FROM[b + 1], from,
                    last ? null : (int) PRICE_FROM[b + 1], counts[b]));
            }
        }
        out.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::from));
        return out;
    }

    private static List<FacetCount> ratings(long[] counts) {
        List<FacetCount> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            int from = RATING_FROM[i];
            if (counts[i] > 0) {
                out.add(new FacetCount(from + "+", from, null, counts[i]));
            }
        }
        out.sort(Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::from));
        return out;
    }
}
