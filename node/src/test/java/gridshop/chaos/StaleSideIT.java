package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A side cut off from the writing side keeps copies from before the cut. If the writing side then goes away and a
 * new node joins the stale side, its count is whole again, but its copies are not: counting nodes alone let it sell
 * the unit the other side had already sold (found by the fault schedule: PARTITION, NET_HEAL, STOP_ONE, START_ONE;
 * stock books off by what the writing side sold). A side that failures left without a majority stays without writes,
 * joins or not, until ops confirm.
 */
class StaleSideIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSideThatLostItsMajorityDoesNotWriteAgainWhenANewNodeJoinsIt() throws Exception {
        try (ChaosCluster cluster = ChaosCluster.start("stale-side", 2)) {
            cluster.assumePartitions("a side cannot be cut off");
            long product = ShopFixture.inStock(30);
            ShopFixture.setStock(cluster.node(0).http(), product, 1);
            String[] sessions = new String[2];
            for (int slot = 0; slot < 2; slot++) {
                sessions[slot] = ShopFixture.newSession(cluster.node(slot).http());
                ShopFixture.setQuantity(cluster.node(slot).http(), sessions[slot], product, 1);
            }

            cluster.cut(0, 1);
            cluster.awaitServers(1, Duration.ofSeconds(90), 0, 1);
            // The side of the oldest node writes (either slot may have joined first); the other is the stale side.
            int writer = cluster.node(0).http().get("/health/readiness").body().contains("this side is a minority") ? 1 : 0;
            int stale = 1 - writer;
            ShopClient.Reply sold = ShopFixture.afterTheHold(
                () -> ShopFixture.checkout(cluster.node(writer).http(), sessions[writer], "stale-a"));
            assertEquals(201, sold.status(), "the side of the oldest node sells the unit: " + sold.body());

            cluster.healNetwork();   // the two sides stay two clusters
            cluster.stop(writer);    // the writing side leaves; its sale is in PostgreSQL
            cluster.launch(writer);  // a new node in its place finds the stale side and joins it
            cluster.node(writer).awaitReady(Duration.ofSeconds(120));
            cluster.awaitServers(2, Duration.ofSeconds(30), stale);
            assertEquals(2, cluster.node(stale).servers(), "the new node joined the side that was cut off");
            ShopClient b = cluster.node(stale).http();
            String onB = sessions[stale];

            for (ShopClient node : new ShopClient[] {b, cluster.node(writer).http()}) {
                ShopClient.Reply r = ShopFixture.checkout(node, onB, "stale-b");
                System.out.println("stale side: checkout answered " + r.status() + " " + r.body());
                assertEquals(503, r.status(), "a side whose copies date from before the cut sold again: " + r.body());
                assertTrue(r.body().contains("minority") && r.body().contains("confirm"), "the refusal says why and what to do: " + r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a refused write says when to retry");
            }
            assertEquals(1, ShopFixture.count(cluster.dbUrl(), "orders"), "the unit was sold once");
        }
    }
}
