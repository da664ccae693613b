package gridshop.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.Test;

/**
 * Stock in escrow on a node alone: it holds every stock row, so it sells from the rows and lends nothing to its lane
 * (a lane would only add a settle per sale: on one node escrow costs nothing); and a node left alone gives back what
 * the lanes hold.
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

    /**
     * Two nodes lend each other's rows' units to their lanes; when one stops, the other holds every row and every lane:
     * it gives back what the lanes hold (sold units counted in, the balance returned), so no unit waits in a lane for a
     * call-back and the rows count nothing as lent.
     */
    @Test
    void aNodeLeftAloneGivesTheLanesUnitsBackToTheRows() throws Exception {
        try (GridFixture grid = GridFixture.nodes(2, TestDatabase.freshUrl(),
                Map.of("gridshop.stock.escrow", true, "gridshop.stock.settle-every", "100ms"))) {
            Ignite first = grid.node(0).bean(Ignite.class);
            IgniteCache<SliceKey, StockSlice> slices = first.cache(StockSliceCache.NAME);
            long p = ShopFixture.inStock(30);
            while (!first.affinity(InventoryCache.NAME).isPrimary(grid.node(1).bean(Ignite.class).cluster().localNode(), p)) {
                p++;
            }
            long product = p;
            ShopFixture.setStock(grid.node(0).http(), product, 40);
            int lane = new Lanes(first).home();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (held(slices, product, lane) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(held(slices, product, lane) > 0, "node 0's lane got a share of product " + product + ", whose row node 1 holds");
            String sid = ShopFixture.newSession(grid.node(0).http());
            ShopFixture.setQuantity(grid.node(0).http(), sid, product, 2);
            assertEquals(201, ShopFixture.checkout(grid.node(0).http(), sid, "g1").status());

            grid.node(1).stopLikeSigterm();
            IgniteCache<Long, Stock> inventory = first.cache(InventoryCache.NAME);
            deadline = System.nanoTime() + 30_000_000_000L;
            while (inventory.get(product).leased() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Stock row = inventory.get(product);
            assertEquals(0, row.leased(), "no unit of product " + product + " is lent any more");
            assertEquals(0, row.lanes(), "no lane is marked as holding some");
            assertEquals(38, row.available(), "the lane's sale counted in");
            assertEquals(2, row.unitsSold());
            assertTrue(grid.node(0).bean(MeterRegistry.class).counter("gridshop.stock.units", "step", "returned").count() > 0,
                "units counted as returned");
        }
    }

    private static long held(IgniteCache<SliceKey, StockSlice> slices, long product, int lane) {
        StockSlice s = slices.get(new SliceKey(product, lane));
        return s == null ? 0 : s.held();
    }
}
