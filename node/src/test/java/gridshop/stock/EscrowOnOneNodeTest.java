package gridshop.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.grid.catalog.StockSliceCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.Test;

/**
 * Stock in escrow on a node alone: it holds every stock row, so it sells from the rows and lends nothing to its lane
 * (a lane would only add a settle per sale: on one node escrow costs nothing).
 */
class EscrowOnOneNodeTest {

    @Test
    void aNodeAloneSellsFromTheRowsAndLendsNothing() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1, TestDatabase.freshUrl(),
                Map.of("gridshop.stock.escrow", true, "gridshop.stock.settle-every", "100ms"))) {
            ShopClient http = grid.node(0).http();
            long p = ShopFixture.inStock(20);
            int before = ShopFixture.stockOf(http, p);
            for (int i = 0; i < 5; i++) {
                String sid = ShopFixture.newSession(http);
                ShopFixture.setQuantity(http, sid, p, 1);
                assertEquals(201, ShopFixture.checkout(http, sid, "k" + i).status());
            }
            Thread.sleep(1_000); // ten settle ticks
            MeterRegistry meters = grid.node(0).bean(MeterRegistry.class);
            assertEquals(5.0, meters.counter("gridshop.stock.checkout.lines", "from", "row").count(), "every line from the row");
            assertEquals(0.0, meters.counter("gridshop.stock.checkout.lines", "from", "lane").count(), "no line from a lane");
            assertEquals(0.0, meters.counter("gridshop.stock.units", "step", "lent").count(), "nothing lent");
            assertEquals(0, grid.node(0).bean(Ignite.class).cache(StockSliceCache.NAME).size(CachePeekMode.ALL), "no slice");
            assertEquals(before - 5, ShopFixture.stockOf(http, p));
        }
    }
}
