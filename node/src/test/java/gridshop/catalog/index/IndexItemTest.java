package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.Product;
import gridshop.persistence.catalog.DemoCatalog;
import io.micronaut.json.JsonMapper;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class IndexItemTest {
    /**
     * Relevance stops reading a product's words once no later word can change its key (Relevance.Keys): that holds only
     * while a product keeps its words in the order of their spots (name, then brand, then description, each by position).
     */
    @Test
    void aProductKeepsItsWordsInTheOrderOfTheirSpots() {
        ProductJson json = new ProductJson(JsonMapper.createDefault());
        WordIds ids = new WordIds();
        for (long id = 1; id <= 2_000; id++) {
            Product p = DemoCatalog.product(id);
            int[] words = IndexItem.of(p, new HashMap<>(), ids, json).words();
            for (int i = 1; i < words.length; i++) {
                assertTrue(IndexItem.spot(words[i - 1]) <= IndexItem.spot(words[i]),
                    "product " + id + ": word " + i + " at spot " + IndexItem.spot(words[i]) + " after " + IndexItem.spot(words[i - 1]));
            }
        }
    }
}
