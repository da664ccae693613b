package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A search's facet counts before they are named and sorted: per category id, per brand id, per price band and per
 * rating band ({@link Facets#RATING_FROM}). Counted in one pass over the matches reading one packed column by slot
 * ({@link Columns#facet}; no product object touched); a search with no filter takes a loop with no test at all. Small (a few hundred bytes), so a
 * snapshot remembers them per search and filters ({@link IndexSnapshot}).
 */
record FacetTally(long[] byCategory, long[] byBrand, long[] byPrice, long[] byRating) {
    /** The lower bound of each price band but the first, in cents. */
    private static final long[] BAND_CENTS = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000};

    /**
     * The facet counts of a search, remembered per words (under relevance, its first usable word), filters and prices
     * (a category page's are the same on every page and in every order). Counted over what the search matches: with
     * words, the first usable word's products under relevance, every word's otherwise; without, the whole catalog, or
     * for a plain category page its categories' products.
     */
    static FacetTally of(IndexSnapshot s, ProductQuery q, Terms terms, SearchFilter filter) {
        boolean relevance = q.relevance() && !terms.isEmpty();
        String key = (relevance ? "R" + firstTerm(terms) + '\u0000' + q.typos() + '\u0000' + q.brands() + '\u0000'
            + q.categories() : "O" + IndexSnapshot.key(q)) + '\u0000' + filter.minCents() + '\u0000' + filter.maxCents();
        FacetTally found = s.remembered().enabled ? s.remembered().facets.get(key) : null;
        if (found != null) {
            return found;
        }
        if (terms.isEmpty() && !q.categories().isEmpty() && filter.brands() == null && !filter.priced()) {
            found = ofCategories(q.categories(), s.members(), s.searching().columns());
        } else {
            int[] matched = terms.isEmpty() ? s.global()[IndexSort.ID.ordinal()]
                : relevance ? Relevance.usable(terms).get(0).slots()
                : SortedInts.intersect(IndexSnapshot.slotsOf(terms));
            found = over(matched, filter, s.searching().columns());
        }
        if (s.remembered().enabled) {
            s.remembered().facets.put(key, found);
        }
        return found;
    }

    /**
     * What a relevance search's counts depend on of its words: its first usable word, and whether that is the last
     * (matched as a prefix too). "wireless headphones" and "wireless speaker" count over the same products, so they
     * share one remembered tally (a typed search's later words change far more often than its first).
     */
    private static String firstTerm(Terms terms) {
        Terms.Term first = Relevance.usable(terms).get(0);
        return first.word() + (terms.isLast(first) ? "\u0000last" : "");
    }

    /** Counts over {@code matched}: each facet over the matches that pass every filter but its own. */
    static FacetTally over(int[] matched, SearchFilter f, Columns cols) {
        Counting c = new Counting(cols);
        if (f.categories() == null && f.brands() == null && !f.priced()) {
            c.everyFacet(matched);
        } else {
            c.disjunctive(matched, f);
        }
        return c.tally();
    }

    /**
     * The counts of a search with no words and no brand or price filter, narrowed to {@code categories} (a category
     * page): the category facet is each category's size (every product passes the other filters), the others are
     * counted over the selected categories' products only, not over the whole catalog.
     */
    static FacetTally ofCategories(List<String> categories, Map<String, int[]> members, Columns cols) {
        Counting c = new Counting(cols);
        List<int[]> lists = new ArrayList<>();
        categories.forEach(name -> lists.add(members.getOrDefault(name, new int[0])));
        c.everyFacet(SortedInts.union(lists));
        Arrays.fill(c.byCategory, 0);
        members.forEach((name, slots) -> c.byCategory[cols.categoryIds().get(name)] = slots.length);
        return c.tally();
    }

    /** The price band of a price in cents: how many of the bands' lower bounds after the first it reaches. */
    static int band(long cents) {
        int band = 0;
        for (long from : BAND_CENTS) {
            band += cents >= from ? 1 : 0;
        }
        return band;
    }

    /** The arrays being counted into; ratings by whole stars (0..5) until {@link #tally()} makes them bands. */
    private static final class Counting {
        final long[] byCategory;
        final long[] byBrand;
        final long[] byPrice = new long[Facets.PRICE_FROM.length];
        final long[] byStars = new long[6];
        /** Category, brand, price band and stars of each slot, packed ({@link Columns#facet}). */
        final long[] facet;

        Counting(Columns cols) {
            byCategory = new long[cols.categoryNames().length];
            byBrand = new long[cols.brandNames().length];
            facet = cols.facet();
        }

        /** Every match counts for every facet (no filter, or only the products that pass them all). */
        void everyFacet(int[] matched) {
            for (int slot : matched) {
                long v = facet[slot];
                byCategory[Columns.category(v)]++;
                byBrand[Columns.brand(v)]++;
                byPrice[Columns.priceBand(v)]++;
                byStars[Columns.stars(v)]++;
            }
        }

        /** Each facet over the matches that pass every filter but its own; the price read only under a price filter. */
        void disjunctive(int[] matched, SearchFilter f) {
            boolean[] categories = f.categories();
            boolean[] brands = f.brands();
            long[] cents = f.priced() ? f.centsColumn() : null;
            long min = f.minCents();
            long max = f.maxCents();
            for (int slot : matched) {
                long v = facet[slot];
                int cat = Columns.category(v);
                int br = Columns.brand(v);
                boolean c = categories == null || categories[cat];
                boolean b = brands == null || brands[br];
                boolean p = cents == null || cents[slot] >= min && cents[slot] <= max;
                if (b && p) {
                    byCategory[cat]++;
                }
                if (c && p) {
                    byBrand[br]++;
                }
                if (c && b) {
                    byPrice[Columns.priceBand(v)]++;
                    if (p) {
                        byStars[Columns.stars(v)]++;
                    }
                }
            }
        }

        FacetTally tally() {
            long[] byRating = new long[Facets.RATING_FROM.length];
            for (int r = 0; r < byRating.length; r++) {
                for (int stars = Facets.RATING_FROM[r]; stars < byStars.length; stars++) {
                    byRating[r] += byStars[stars];
                }
            }
            return new FacetTally(byCategory, byBrand, byPrice, byRating);
        }
    }
}
