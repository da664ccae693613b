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
     * for a plain category page its categories' products. {@code passing}: the matches that pass every filter, when the
     * search found them as a list (else null); with at most one kind of filter (categories, brands or prices) and
     * remembering on, the counts are put together from the unfiltered counts of the matches, remembered apart from any
     * filter, and a count over {@code passing} alone ({@link #fromParts}), instead of a pass over every match.
     */
    static FacetTally of(IndexSnapshot s, ProductQuery q, Terms terms, SearchFilter filter, int[] passing) {
        boolean relevance = q.relevance() && !terms.isEmpty();
        boolean fromParts = s.remembered().enabled && passing != null && kinds(filter) <= 1;
        String unfiltered = (relevance ? "UR" + firstTerm(terms) : "UO" + String.join(" ", q.words())) + '\u0000' + q.typos();
        // A search with no filter at all is its matches' unfiltered tally: remembered once, under that key alone.
        String key = fromParts && kinds(filter) == 0 ? unfiltered
            : (relevance ? IndexSnapshot.firstWordKey(q, terms) : "O" + IndexSnapshot.key(q)) + '\u0000' + filter.minCents()
            + '\u0000' + filter.maxCents();
        FacetTally found = s.remembered().enabled ? s.remembered().facets.get(key) : null;
        if (found != null) {
            return found;
        }
        Columns cols = s.searching().columns();
        if (terms.isEmpty() && !q.categories().isEmpty() && filter.brands() == null && !filter.priced()) {
            found = ofCategories(q.categories(), s.members(), cols);
        } else {
            java.util.function.Supplier<int[]> matched = () -> terms.isEmpty() ? s.global()[IndexSort.ID.ordinal()]
                : relevance ? Relevance.usable(terms).get(0).slots()
                : SortedInts.intersect(IndexSnapshot.slotsOf(terms));
            if (fromParts) { // else one pass, below
                FacetTally all = s.remembered().facets.get(unfiltered);
                if (all == null) {
                    all = unfiltered(matched.get(), cols);
                    s.remembered().facets.put(unfiltered, all);
                }
                found = fromParts(all, passing, filter, cols);
            } else {
                found = over(matched.get(), filter, cols);
            }
        }
        if (s.remembered().enabled && !key.equals(unfiltered)) {
            s.remembered().facets.put(key, found);
        }
        return found;
    }

    /** About what this tally holds on the heap, in bytes (four arrays of longs and their headers). */
    long bytes() {
        return 96L + 8L * (byCategory.length + byBrand.length + byPrice.length + byRating.length);
    }

    /** How many kinds of filter a search has: categories, brands, a price range. */
    private static int kinds(SearchFilter f) {
        return (f.categories() == null ? 0 : 1) + (f.brands() == null ? 0 : 1) + (f.priced() ? 1 : 0);
    }

    /**
     * The counts of a search with at most one kind of filter from the unfiltered counts of its matches ({@code all})
     * and its matches that pass the filter ({@code passing}): a facet's own filter does not narrow its own counts, so
     * the filtered facet's counts are the unfiltered ones, and every other facet counts the matches that pass (both
     * sized by the same snapshot's names).
     */
    static FacetTally fromParts(FacetTally all, int[] passing, SearchFilter f, Columns cols) {
        if (kinds(f) == 0) {
            return all;
        }
        FacetTally part = unfiltered(passing, cols);
        return new FacetTally(f.categories() != null ? all.byCategory : part.byCategory,
            f.brands() != null ? all.byBrand : part.byBrand, f.priced() ? all.byPrice : part.byPrice, part.byRating);
    }

    /**
     * What a relevance search's counts depend on of its words: its first usable word, and whether that is the last
     * (matched as a prefix too). "wireless headphones" and "wireless speaker" count over the same products, so they
     * share one remembered tally (a typed search's later words change far more often than its first).
     */
    static String firstTerm(Terms terms) {
        Terms.Term first = Relevance.usable(terms).get(0);
        return first.word() + (terms.isLast(first) ? "\u0000last" : "");
    }

    /** Every facet counted over every one of {@code slots}. */
    static FacetTally unfiltered(int[] slots, Columns cols) {
        Counting c = new Counting(cols);
        c.everyFacet(slots);
        return c.tally();
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

        /**
         * Every match counts for every facet (no filter, or only the products that pass them all). A product a writer
         * is moving into a category or brand newer than this snapshot's names (the column is shared while a batch is
         * staged) is left out until the batch's snapshot counts it, not counted past the end of the arrays.
         */
        void everyFacet(int[] matched) {
            for (int slot : matched) {
                long v = facet[slot];
                int cat = Columns.category(v);
                int br = Columns.brand(v);
                if (cat < byCategory.length && br < byBrand.length) {
                    byCategory[cat]++;
                    byBrand[br]++;
                    byPrice[Columns.priceBand(v)]++;
                    byStars[Columns.stars(v)]++;
                }
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
                if (cat >= byCategory.length || br >= byBrand.length) {
                    continue; // newer than this snapshot's names: see everyFacet
                }
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
