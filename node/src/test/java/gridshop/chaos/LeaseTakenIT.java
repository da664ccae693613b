package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster cut off from PostgreSQL long enough for a new cluster to take the database's lease must not write into
 * it when PostgreSQL answers again: its flushes check the lease's epoch in their own transaction, and its next
 * renewal finds the lease another's. Here the other cluster's take is played in SQL while PostgreSQL refuses this
 * node's writes (read-only), so an acknowledged cart waits in the journal at that moment.
 */
class LeaseTakenIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aClusterWhoseLeaseWasTakenWritesNothingMoreAndSaysSo() throws Exception {
        try (ChaosCluster cluster = ChaosCluster.start("lease-taken", 1)) {
            ShopClient node = cluster.node(0).http();
            long product = ShopFixture.inStock(30);
            String before = ShopFixture.newSession(node);
            ShopFixture.setQuantity(node, before, product, 1);
            ShopFixture.awaitCarts(cluster.dbUrl(), java.time.Duration.ofSeconds(20), carts -> carts.containsKey(before));

            cluster.db(ChaosCluster.Db.READ_ONLY);
            String during = ShopFixture.newSession(node);
            ShopFixture.setQuantity(node, during, product, 2); // acknowledged; waits in the journal
            try (Connection c = TestDatabase.connect(cluster.dbUrl()); Statement st = c.createStatement()) {
                st.execute("SET default_transaction_read_only = off");
                // what a new cluster's take does (ClusterLease.take): another epoch, the count moved
                assertEquals(1, st.executeUpdate("UPDATE cluster_lease SET epoch = 'another-cluster', renewals = renewals + 1"));
            }
            cluster.db(ChaosCluster.Db.UP);

            ShopClient.Reply refused = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until) {
                refused = node.post("/api/sessions", null);
                if (refused.status() == 503) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.println("lease taken: a write answered " + refused.status() + " " + refused.body());
            assertEquals(503, refused.status(), "a write after the lease was taken: " + refused.body());
            assertTrue(refused.body().contains("another grid cluster took this database's lease"), refused.body());
            String readiness = node.get("/health/readiness").body();
            assertTrue(readiness.contains("another grid cluster took this database's lease"), "readiness says so: " + readiness);

            Thread.sleep(3_000); // several flush rounds
            assertFalse(ShopFixture.cartsInPostgres(cluster.dbUrl()).containsKey(during),
                "the fenced cluster wrote its cart into the database another cluster holds");
            // pendingWrites is sampled once a second: the fence may be seen before the first sample after the write
            long waitedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (readiness.contains("\"pendingWrites\":0") && System.nanoTime() < waitedUntil) {
                Thread.sleep(250);
                readiness = node.get("/health/readiness").body();
            }
            assertTrue(readiness.contains("\"pendingWrites\":") && !readiness.contains("\"pendingWrites\":0"),
                "the cart waits in the journal (spilled at stop), not dropped: " + readiness);
        }
    }
}
