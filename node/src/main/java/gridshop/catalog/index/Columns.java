package gridshop.catalog.index;

import java.util.Map;

/**
 * Per slot, the ids of its category and brand, its rating in tenths and its words as the product keeps them
 * ({@link IndexItem#words}): what facets count, filters test and relevance ranks by, read from arrays in slot order
 * rather than through each product. Names by id and ids by name as of the snapshot.
 * <p>{@code facet} packs what a facet count reads of a slot into one long ({@link #facet}: brand id, category id,
 * price band, whole stars), so a count over a word's hundred thousand products reads one array at random slots, not
 * four.
 */
record Columns(int[] category, int[] brand, byte[] rating, int[][] words, String[] categoryNames, String[] brandNames,
               Map<String, Integer> categoryIds, Map<String, Integer> brandIds, long[] facet) {
    static final Columns EMPTY = new Columns(new int[0], new int[0], new byte[0], new int[0][], new String[0],
        new String[0], Map.of(), Map.of(), new long[0]);

    /** A slot's packed facet values (a category id takes 26 bits: more categories than a catalog has slots). */
    static long facet(int category, int brand, int priceBand, int stars) {
        return (long) brand << 32 | (long) category << 6 | priceBand << 3 | stars;
    }

    static int category(long facet) {
        return (int) (facet >>> 6) & ((1 << 26) - 1);
    }

    static int brand(long facet) {
        return (int) (facet >>> 32);
    }

    static int priceBand(long facet) {
        return (int) (facet >>> 3) & 7;
    }

    static int stars(long facet) {
        return (int) facet & 7;
    }

    /** Which category (or brand) ids a filter keeps, or null when it keeps all. */
    static boolean[] selected(java.util.List<String> names, Map<String, Integer> ids, int count) {
        if (names.isEmpty()) {
            return null;
        }
        boolean[] keep = new boolean[count];
        for (String n : names) {
            Integer id = ids.get(n);
            if (id != null) {
                keep[id] = true;
            }
        }
        return keep;
    }
}
