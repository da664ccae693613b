package gridshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import gridshop.api.catalog.ProductResponse;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.platform.MetaCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;

/**
 * A price written and then lost with both copies of its partition leaves the grid, which reloads PostgreSQL's older
 * row, but it stayed in the catalog index, whose version check keeps the newer one: shoppers were shown (and orders
 * copied) a price nothing else holds (fault schedule seed 6239469665981765227). Once a reload of lost partitions is
 * announced, every node's index takes the grid's rows in, older or not.
 */
class IndexAfterReloadTest {
    private static final long PRODUCT = 1;

    @Test
    void aReloadOfLostPartitionsTakesTheGridsOlderRowsIntoTheIndex() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            Ignite ignite = grid.node(0).bean(Ignite.class);
            ShopClient http = grid.node(0).http();
            IgniteCache<Long, Product> products = ignite.cache(ProductCache.NAME);
            Product before = products.get(PRODUCT);
            assertNotNull(before, "the demo catalog has product " + PRODUCT);
            BigDecimal lostPrice = new BigDecimal("123.45");
            products.put(PRODUCT, before.withPrice(lostPrice, Timestamp.from(Instant.now()))); // then lost
            assertEquals(0, lostPrice.compareTo(awaitPrice(http, lostPrice)), "the index took the newer price in");

            products.put(PRODUCT, before); // what the reload from PostgreSQL puts back: the older row
            Thread.sleep(2_000);
            assertEquals(0, lostPrice.compareTo(price(http)), "the feed alone keeps the newer version");

            ignite.<String, String>cache(MetaCache.NAME).put(MetaCache.PARTITIONS_RELOADED, "test-" + System.nanoTime());
            assertEquals(0, before.price().compareTo(awaitPrice(http, before.price())),
                "after the reload the index serves the grid's price");
        }
    }

    private static BigDecimal awaitPrice(ShopClient http, BigDecimal expected) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        BigDecimal seen = price(http);
        while (seen.compareTo(expected) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = price(http);
        }
        return seen;
    }

    private static BigDecimal price(ShopClient http) {
        return http.get("/api/products/" + PRODUCT).as(ProductResponse.class).price();
    }
}
