package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.platform.WriteJournal;
import gridshop.persistence.catalog.InventoryTable;
import gridshop.persistence.platform.Row;
import gridshop.persistence.writebehind.Spill;
import gridshop.persistence.writebehind.SpillIntoGrid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;

/**
 * A spill put into a running grid: a spilled value goes in only where it is newer than the grid's (the grid may have
 * moved on since the stop), and what goes in reaches the catalog index and PostgreSQL by the normal path.
 */
class SpillIntoGridTest {

    @Test
    void theNewerVersionWinsAndReachesTheIndexAndPostgres() throws Exception {
        String db = TestDatabase.freshUrl();
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of())) {
            ShopNode node = grid.node(0);
            Ignite ignite = node.bean(Ignite.class);
            IgniteCache<Long, Stock> inventory = ignite.cache(InventoryCache.NAME);
            long same = ShopFixture.inStock(80);
            long newer = ShopFixture.inStock(same + 1);
            Stock sameNow = inventory.get(same);
            Stock newerNow = inventory.get(newer);
            InventoryTable table = new InventoryTable();
            Timestamp now = Timestamp.from(Instant.now());
            List<Row> rows = List.of(new Row(table, same, new Stock(same, 3, sameNow.version(), now)),
                new Row(table, newer, new Stock(newer, 4, newerNow.version() + 1, now)));

            int applied = new SpillIntoGrid(ignite, node.bean(WriteJournal.class))
                .apply(new Spill.Spilled(Path.of("test.spill"), "", rows, List.of(), java.util.Set.of(), gridshop.grid.platform.PartitionLossTotal.NONE));

            assertEquals(1, applied, "only the value newer than the grid's goes in");
            assertEquals(sameNow.available(), inventory.get(same).available(), "a version the grid holds already stays");
            assertEquals(4, inventory.get(newer).available());
            assertEquals(4, await(() -> ShopFixture.stockOf(node.http(), newer), 4), "the catalog index sees it");
            assertEquals(4, await(() -> postgresStock(db, newer), 4), "PostgreSQL gets it through the journal");
            assertEquals(sameNow.available(), postgresStock(db, same));
        }
    }

    /** A reading that may lag (the index feed, the flusher). */
    private interface Reading {
        int read() throws Exception;
    }

    private static int await(Reading reading, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int value = reading.read();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = reading.read();
        }
        return value;
    }

    private static int postgresStock(String db, long product) throws Exception {
        try (Connection c = TestDatabase.connect(db);
             PreparedStatement ps = c.prepareStatement("SELECT available FROM inventory WHERE product_id = ?")) {
            ps.setLong(1, product);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }
}
