import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import gridshop.persistence.catalog.DemoCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words shoppers search with in the mix, taken from the generated catalog itself: every product's name, brand
 * and description cut into words the way the index does ({@code SearchText}), on a sample of up to 20,000 products
 * spread over the catalog. Words ranked by how many products contain them; mix.lua draws from that ranking with a
 * Zipf distribution. Words in more than a fifth of the products are the catalog's boilerplate ("designed for
 * everyday use … two-year warranty"), not what a shopper types, and are left out.
 *   java -cp NODE_CLASSPATH scripts/bench/Vocabulary.java PRODUCTS OUT.lua
 */
public final class Vocabulary {
    private static final int SAMPLE = 20_000;
    private static final double BOILERPLATE = 0.2;

    public static void main(String[] args) throws Exception {
        long products = Long.parseLong(args[0]);
        long step = Math.max(1, products / SAMPLE);
        Map<String, Integer> containing = new HashMap<>();
        Set<String> brands = new TreeSet<>();
        int sampled = 0;
        for (long id = 1; id <= products; id += step) {
            Product p = DemoCatalog.product(id);
            Set<String> words = new HashSet<>();
            words.addAll(SearchText.words(p.name()));
            words.addAll(SearchText.words(p.brand()));
            words.addAll(SearchText.words(p.description()));
            words.forEach(w -> containing.merge(w, 1, Integer::sum));
            brands.add(p.brand());
            sampled++;
        }
        int limit = (int) (sampled * BOILERPLATE);
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(containing.entrySet());
        ranked.removeIf(e -> e.getValue() > limit);
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        StringBuilder lua = new StringBuilder();
        lua.append("-- Written by scripts/bench/Vocabulary.java from ").append(sampled).append(" of ").append(products)
            .append(" demo products: words by the number of products containing them (").append(containing.size() - ranked.size())
            .append(" boilerplate words left out), and the brands.\n");
        lua.append("vocabulary = {");
        for (int i = 0; i < ranked.size(); i++) {
            lua.append(i % 12 == 0 ? "\n  " : " ").append('"').append(ranked.get(i).getKey()).append("\",");
        }
        lua.append("\n}\nbrands = {");
        brands.forEach(b -> lua.append("\n  \"").append(b).append("\","));
        lua.append("\n}\n");
        Files.writeString(Path.of(args[1]), lua);
        System.out.printf("search vocabulary: %d words from %d sampled products (top: %s)%n", ranked.size(), sampled,
            ranked.subList(0, Math.min(8, ranked.size())).stream().map(Map.Entry::getKey).toList());
    }
}
