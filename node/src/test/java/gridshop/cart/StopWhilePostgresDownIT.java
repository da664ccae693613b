package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A single node, the only copy of its writes, is stopped with SIGTERM while PostgreSQL is down (stopped for
 * real). It cannot flush, so it spills what it holds to a synced local file; the next start, once PostgreSQL is
 * back, writes the file into PostgreSQL before the node loads and reports ready. Every acknowledged write is
 * there afterwards, in PostgreSQL and in the API.
 */
class StopWhilePostgresDownIT {

    @Test
    void everyWriteAcknowledgedWhilePostgresWasDownSurvivesASigtermOfTheLastNode() throws Exception {
        Path spill = Path.of("target", "it-spill", "stop-while-postgres-down-" + ProcessHandle.current().pid());
        Map<String, String> config = Map.of("gridshop.write-behind.spill-dir", spill.toString(),
            "gridshop.write-behind.drain-timeout", "3s");
        try (OwnPostgres pg = OwnPostgres.start("stop-while-down")) {
            Map<String, CartRow> acknowledged = new HashMap<>();
            NodeProcess node = NodeProcess.start(pg.url(), config);
            try {
                fillCarts(node.http(), 10, 1, acknowledged);
                ShopFixture.awaitCarts(pg.url(), Duration.ofSeconds(20), acknowledged::equals);

                pg.down();
                fillCarts(node.http(), 15, 50, acknowledged);
                String first = acknowledged.keySet().iterator().next();
                acknowledged.put(first, CartRow.of(ShopFixture.setQuantity(node.http(), first, ShopFixture.inStock(120), 7)));
            } finally {
                int exit = node.stop();
                assertTrue(exit == 0 || exit == 143, "a SIGTERM stop ends by itself (0, or 143 for the signal), got "
                    + exit + "; log: " + node.log());
            }
            assertEquals(1, spillFiles(spill).size(), "the stop spilled what PostgreSQL did not take");

            pg.up();
            NodeProcess again = NodeProcess.start(pg.url(), config);
            try {
                Map<String, CartRow> inPostgres = ShopFixture.cartsInPostgres(pg.url());
                assertEquals(acknowledged, inPostgres, "PostgreSQL holds every acknowledged cart once the node is ready");
                assertEquals(acknowledged.size(), ShopFixture.count(pg.url(), "shopper_session"));
                assertEquals(List.of(), spillFiles(spill), "the spill file is gone once replayed");
                for (Map.Entry<String, CartRow> e : acknowledged.entrySet()) {
                    assertEquals(e.getValue(), CartRow.of(again.http().get("/api/sessions/" + e.getKey() + "/cart")
                        .as(CartResponse.class)), "the API serves cart " + e.getKey());
                }
            } finally {
                again.stop();
            }
        }
    }

    private static void fillCarts(ShopClient http, int n, long fromProduct, Map<String, CartRow> acknowledged) {
        for (int i = 0; i < n; i++) {
            String sid = ShopFixture.newSession(http);
            acknowledged.put(sid, CartRow.of(ShopFixture.setQuantity(http, sid, ShopFixture.inStock(fromProduct + i), 1 + i % 3)));
        }
    }

    private static List<Path> spillFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".spill")).toList();
        }
    }
}
