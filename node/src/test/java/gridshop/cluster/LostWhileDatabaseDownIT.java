package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.AdminClient;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import gridshop.platform.SqlScript;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Route 2 of the fault schedule (issue 29): partitions lost while PostgreSQL is unreachable. Three nodes, 2,000
 * products; PostgreSQL stops; two nodes are killed at once. The survivor keeps the partitions lost (their keys answer
 * 503 with Retry-After, readiness counts them) instead of resetting them empty, and reloads them once PostgreSQL is
 * back: then the grid holds all 2,000 products again and a price change of any of them answers 200, never 404.
 */
@Timeout(400)
class LostWhileDatabaseDownIT {
    private static final int PRODUCTS = 2_000;
    private static final Map<String, String> CONFIG = Map.of("gridshop.demo.products", String.valueOf(PRODUCTS));

    @Test
    void partitionsLostWhilePostgresIsDownStayLostUntilTheyCanBeReloaded() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("lost-while-down");
             NodeProcess a = NodeProcess.start(pg.url(), CONFIG);
             NodeProcess b = NodeProcess.launch(pg.url(), CONFIG);
             NodeProcess c = NodeProcess.launch(pg.url(), CONFIG).readyWith(b)) {
            ShopClient http = a.http();
            pg.down();
            b.kill9();
            c.kill9();
            awaitNodes(http, 1);
            // One of three is a minority: ops confirm the topology so that the survivor writes again.
            ShopClient.Reply confirmed = http.send(HttpRequest.newBuilder(http.uri("/api/ops/topology/confirm"))
                .header("Authorization", "Bearer " + NodeProcess.OPS_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, confirmed.status(), confirmed.body());
            Thread.sleep(5_000); // the recovery ticks each second: several ticks with PostgreSQL down

            int lost = number(http.get("/health/readiness").map().get("lostPartitions"));
            assertTrue(lost > 0, "partitions lost while PostgreSQL is down stay lost (not reset empty): "
                + http.get("/health/readiness").body());
            Map<Integer, Integer> byStatus = priceChanges(http, 60);
            assertEquals(null, byStatus.get(404), "no product PostgreSQL holds answers 404 while its partition is lost: " + byStatus);
            assertTrue(byStatus.getOrDefault(503, 0) > 0, "keys of lost partitions answer 503: " + byStatus);

            pg.up();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (number(http.get("/health/readiness").map().get("lostPartitions")) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertEquals(0, number(http.get("/health/readiness").map().get("lostPartitions")), "reloaded once PostgreSQL answers");
            assertEquals(List.of("\"N\"", "\"" + PRODUCTS + "\""), SqlScript.run("jdbc:ignite:thin://127.0.0.1:" + NodeProcess.JDBC_PORT,
                "--csv", "-e", "SELECT COUNT(*) AS n FROM PRODUCT"), "every product is in the grid again");
            assertEquals(Map.of(200, 60), priceChanges(http, 60), "every product's price can be changed again");
        }
    }

    /** Changes the price of products 1..n; answers counted by status. */
    private static Map<Integer, Integer> priceChanges(ShopClient http, int n) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (long id = 1; id <= n; id++) {
            ShopClient.Reply r = AdminClient.of(http).patch("/api/admin/products/" + id + "/price", "{\"price\":" + (10 + id) + ".50}");
            if (r.status() == 503) {
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a 503 says when to retry");
            }
            byStatus.merge(r.status(), 1, Integer::sum);
        }
        return byStatus;
    }

    private static void awaitNodes(ShopClient http, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (number(http.get("/health/readiness").map().get("gridNodes")) != n && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    private static int number(Object o) {
        return o instanceof Number x ? x.intValue() : -1;
    }
}
