package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node started while the network cuts it off from its running cluster finds no one to join, so it would form a
 * cluster of its own and load a second grid from the same PostgreSQL: two clusters selling the same stock. The
 * database's cluster lease, which the running cluster renews, keeps it from loading: it stays not ready, says why,
 * and its start fails after {@code gridshop.startup.lease-give-up}.
 */
class LoneStartIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNodeCutOffFromItsRunningClusterDoesNotLoadASecondGrid() throws Exception {
        try (ChaosCluster cluster = ChaosCluster.start("lone-start", 2)) {
            cluster.assumePartitions("a node cannot be cut off from its cluster");
            ShopClient a = cluster.node(0).http();
            long product = ShopFixture.inStock(30);
            ShopFixture.setStock(a, product, 1);

            cluster.stop(1);       // leaves gracefully: node 0 alone is the whole stable topology and writes
            cluster.cut(0, 1);     // then its address is cut off from node 0's
            cluster.launch(1, Map.of("gridshop.startup.lease-give-up", "8s"));
            NodeProcess lone = cluster.node(1);

            // Not ready while node 0's cluster renews the lease: readiness says why, and the API refuses to sell.
            String state = "";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until && lone.alive() && !state.contains("another grid cluster")) {
                try {
                    ShopClient.Reply r = lone.http().get("/health/readiness");
                    assertNotEquals(200, r.status(), "the node cut off from its cluster loaded a grid of its own and is ready: " + r.body());
                    state = r.body();
                } catch (UncheckedIOException notListening) {
                    // HTTP not up yet
                }
                Thread.sleep(500);
            }
            System.out.println("lone start: readiness said " + state);
            assertTrue(state.contains("another grid cluster runs on this database"), "readiness says why: " + state);

            String onA = ShopFixture.newSession(a);
            ShopFixture.setQuantity(a, onA, product, 1);
            assertEquals(201, ShopFixture.checkout(a, onA, "lone-a").status(), "the running cluster sells the unit");

            // It gives up instead of waiting for ever: the JVM exits non-zero (an orchestrator would start it again).
            int status = lone.awaitExit(Duration.ofSeconds(90));
            assertNotEquals(-1, status, "the lone node still runs 90 s after its start");
            assertNotEquals(0, status, "the lone node's start failed, and its exit says so");
            assertEquals(0, ShopFixture.stockOf(a, product), "the unit was sold once");
        }
    }
}
