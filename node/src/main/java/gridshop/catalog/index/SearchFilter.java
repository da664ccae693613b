package gridshop.catalog.index;

import java.math.RoundingMode;

/** The filters of a search, per slot: its categories (OR), its brands (OR), its price range. */
final class SearchFilter {
    private final boolean[] categories;
    private final boolean[] brands;
    private final long minCents;
    private final long maxCents;
    private final long[] cents;
    private final Columns cols;

    SearchFilter(ProductQuery q, Columns cols, long[] cents) {
        this.cols = cols;
        this.cents = cents;
        this.categories = Columns.selected(q.categories(), cols.categoryIds(), cols.categoryNames().length);
        this.brands = Columns.selected(q.brands(), cols.brandIds(), cols.brandNames().length);
        this.minCents = q.minPrice() == null ? Long.MIN_VALUE
            : q.minPrice().movePointRight(2).setScale(0, RoundingMode.CEILING).longValueExact();
        this.maxCents = q.maxPrice() == null ? Long.MAX_VALUE
            : q.maxPrice().movePointRight(2).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** A product a writer is moving into a category newer than this snapshot's names (a shared column) is not kept. */
    boolean category(int slot) {
        return kept(categories, cols.category()[slot]);
    }

    boolean brand(int slot) {
        return kept(brands, cols.brand()[slot]);
    }

    /** Every id when {@code keep} is null; else the ids it marks, and none past its end (newer than the snapshot). */
    private static boolean kept(boolean[] keep, int id) {
        return keep == null || id < keep.length && keep[id];
    }

    boolean price(int slot) {
        return cents[slot] >= minCents && cents[slot] <= maxCents;
    }

    boolean test(int slot) {
        return category(slot) && brand(slot) && price(slot);
    }

    long cents(int slot) {
        return cents[slot];
    }

    /** The category ids kept, or null when every category is. */
    boolean[] categories() {
        return categories;
    }

    /** The brand ids kept, or null when every brand is. */
    boolean[] brands() {
        return brands;
    }

    boolean priced() {
        return minCents != Long.MIN_VALUE || maxCents != Long.MAX_VALUE;
    }

    long minCents() {
        return minCents;
    }

    long maxCents() {
        return maxCents;
    }

    /** Prices in cents by slot. */
    long[] centsColumn() {
        return cents;
    }
}
