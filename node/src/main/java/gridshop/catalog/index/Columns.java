package gridshop.catalog.index;

import java.util.Map;

/**
 * Per slot, the ids of its category and brand, its rating in tenths and its words as the product keeps them
 * ({@link IndexItem#words}): what facets count, filters test and relevance ranks by, read from arrays in slot order
 * rather than through each product. Names by id and ids by name as of the snapshot.
 */
record Columns(int[] category, int[] brand, byte[] rating, int[][] words, String[] categoryNames, String[] brandNames,
               Map<String, Integer> categoryIds, Map<String, Integer> brandIds) {
    static final Columns EMPTY = new Columns(new int[0], new int[0], new byte[0], new int[0][], new String[0],
        new String[0], Map.of(), Map.of());

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
