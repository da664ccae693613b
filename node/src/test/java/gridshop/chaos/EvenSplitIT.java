package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An even split: two nodes cut apart by the network, each holding a copy of every partition, each with a shopper
 * whose cart holds the last unit of one product. Each side sees the other fail (it cannot tell a crash from a cut);
 * with exactly half of the last stable topology on each side, at most one side may write, or both would sell the
 * same unit. The side holding the oldest node of that topology writes; the other answers 503 with Retry-After, also
 * for a session it does not hold (opened on the writing side after the cut), where it used to answer 404.
 */
class EvenSplitIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anEvenSplitHasOneWriterAndSellsTheLastUnitOnce() throws Exception {
        try (ChaosCluster cluster = ChaosCluster.start("even-split", 2)) {
            cluster.assumePartitions("an even split cannot be made");
            ShopClient a = cluster.node(0).http();
            ShopClient b = cluster.node(1).http();
            long product = ShopFixture.inStock(30);
            ShopFixture.setStock(a, product, 1);
            String onA = ShopFixture.newSession(a);
            String onB = ShopFixture.newSession(b);
            ShopFixture.setQuantity(a, onA, product, 1);
            ShopFixture.setQuantity(b, onB, product, 1);

            cluster.cut(0, 1);
            cluster.awaitServers(1, Duration.ofSeconds(90), 0, 1);
            assertEquals(1, cluster.node(0).servers(), "node 0 sees node 1 gone");
            assertEquals(1, cluster.node(1).servers(), "node 1 sees node 0 gone");

            List<ShopClient.Reply> answers = new ArrayList<>();
            answers.add(ShopFixture.afterTheHold(() -> ShopFixture.checkout(a, onA, "split-a")));
            answers.add(ShopFixture.afterTheHold(() -> ShopFixture.checkout(b, onB, "split-b")));
            long sold = answers.stream().filter(r -> r.status() == 201).count();
            System.out.println("even split: answers " + answers.stream().map(r -> r.status() + " " + r.body()).toList());
            assertTrue(sold <= 1, "the last unit was sold on both sides of the split: " + answers);
            for (ShopClient.Reply r : answers) {
                if (r.status() == 503) {
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a refused side says when to retry");
                } else {
                    assertTrue(r.status() == 201 || r.status() == 409, "a side writes or finds no stock: " + r.status() + " " + r.body());
                }
            }
            assertEquals(1, answers.stream().filter(r -> r.status() == 503).count(),
                "exactly one side (the one without the oldest node of the stable topology) refuses writes: " + answers);

            // A session opened on the writing side after the cut is not on the other: that side cannot tell "never
            // written" from "written across the cut", so it says 503, not 404 (a shopper told 404 gives up on it).
            boolean aWrites = answers.get(0).status() != 503;
            ShopClient writer = aWrites ? a : b;
            ShopClient refuser = aWrites ? b : a;
            String afterCut = ShopFixture.newSession(writer);
            ShopClient.Reply elsewhere = refuser.get("/api/sessions/" + afterCut + "/cart");
            assertEquals(503, elsewhere.status(), "the side without a majority on a session it does not hold: " + elsewhere.body());
            assertTrue(elsewhere.headers().firstValue("Retry-After").isPresent(), "and says when to retry");
            assertEquals(200, writer.get("/api/sessions/" + afterCut + "/cart").status(), "the writing side serves it");
        }
    }
}
