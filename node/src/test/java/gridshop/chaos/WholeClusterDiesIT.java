package gridshop.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster that dies whole, with no node left to count what its last copies took (issue 29; seed 6884033745338258496:
 * PostgreSQL down, then every node killed). The loss itself cannot be helped; saying nothing of it can. Each node
 * notes on its disk, every second, the writes it holds unflushed and the partitions it holds; a node that comes back
 * counts its note as lost when its cluster ended with it, and drops it when its cluster went on without it.
 */
class WholeClusterDiesIT {
    private static final RendezvousAffinityFunction AFFINITY = new RendezvousAffinityFunction(false, NodeProcess.PARTITIONS);
    private static final Duration HEAL = Duration.ofSeconds(240);

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void writesTheLastNodesHeldAreCountedLostWhenTheClusterDiedWholeAndNotWhenAnotherNodeOutlivedThem() throws Exception {
        try (ChaosCluster cluster = ChaosCluster.start("dies-whole", 2)) {
            long product = ShopFixture.inStock(40);

            // A node killed while its cluster lives on: its copies elsewhere are flushed; its note names no loss.
            List<String> livedOn = cartsWhilePostgresDown(cluster, product);
            cluster.kill9(1);
            cluster.heal(HEAL); // PostgreSQL up, node 1 back into the cluster that went on, the minority confirmed
            assertNothingCounted(cluster, livedOn, "is dropped: its cluster took them over",
                "a node whose cluster lived on counts nothing lost at its return",
                "node 1 came back with a note of unflushed writes (the premise), and dropped it", "acknowledged cart kept: ");

            // A node killed while PostgreSQL is down, the other (the oldest: half of two with the oldest is a majority)
            // stopped cleanly seconds later (it spills everything, the killed node's copies included): the cluster ended,
            // but not with the killed node. Its note counts nothing.
            List<String> outlived = cartsWhilePostgresDown(cluster, product);
            cluster.kill9(1);
            Thread.sleep(4_000); // node 0 sees it leave, and notes so
            cluster.stop(0);
            cluster.heal(HEAL);
            assertNothingCounted(cluster, outlived, "fate=OUTLIVED_THIS_NODE",
                "a node outlived by one that stopped cleanly (and spilled) counts nothing lost",
                "node 1 came back with a note, found outlived", "acknowledged cart brought back by the spill: ");

            // Every node killed while PostgreSQL is down: the cluster dies whole with writes PostgreSQL never had.
            List<String> diedWith = cartsWhilePostgresDown(cluster, product);
            cluster.kill9(0);
            cluster.kill9(1);
            cluster.heal(HEAL); // a new cluster takes the lease, waits for both to bring their spills, loads PostgreSQL
            awaitFlushed(cluster);

            List<String> gone = new ArrayList<>();
            for (String sid : diedWith) {
                if (cartLines(cluster.node(0).http(), sid) != 1) {
                    gone.add(sid);
                }
            }
            assertFalse(gone.isEmpty(), "the premise: carts acknowledged while PostgreSQL was down died with the cluster");
            long counted = lost(cluster);
            System.out.println("dies whole: " + gone.size() + " of " + diedWith.size() + " acknowledged carts gone; the "
                + "product counted " + counted + " unflushed writes lost");
            // each shopper wrote twice (the session, then the cart), both in its partition, both noted unflushed on the
            // session's primary: counted once, by whichever node held it (two nodes counting at once, neither twice)
            assertEquals(2L * gone.size(), counted, "the loss is counted: a session and a cart per shopper gone");
            Set<Integer> named = cluster.losses().partitions();
            Set<Integer> unnamed = new TreeSet<>();
            for (String sid : gone) {
                int p = AFFINITY.partition(ShopFixture.gridId(sid));
                if (!named.contains(p)) {
                    unnamed.add(p);
                }
            }
            assertEquals(Set.of(), unnamed, "every partition of a cart gone is named in the ERROR line that counts it");
        }
    }

    /**
     * PostgreSQL stopped, then twelve shoppers with a cart line each, all acknowledged, and time for several of the
     * notes the nodes write each second (should a tick be late).
     */
    private static List<String> cartsWhilePostgresDown(ChaosCluster cluster, long product) throws InterruptedException {
        cluster.db(ChaosCluster.Db.DOWN);
        List<String> sids = carts(cluster, product, 12);
        Thread.sleep(4_000);
        return sids;
    }

    /**
     * Once the healed cluster has flushed: no write counted lost, node 1's log says {@code said} (it came back with a note
     * and found it named no loss), and node 0 serves every one of {@code sids}' carts.
     */
    private static void assertNothingCounted(ChaosCluster cluster, List<String> sids, String said, String nothingCounted,
                                             String noteDropped, String cartKept) throws Exception {
        awaitFlushed(cluster);
        assertEquals(0, lost(cluster), nothingCounted);
        assertTrue(logOf(cluster, 1).contains(said), noteDropped);
        for (String sid : sids) {
            assertEquals(1, cartLines(cluster.node(0).http(), sid), cartKept + sid);
        }
    }

    /** A session with one line in its cart on each node in turn, all acknowledged. */
    private static List<String> carts(ChaosCluster cluster, long product, int n) {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ShopClient http = cluster.node(i % cluster.slots()).http();
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, product, 1);
            sids.add(sid);
        }
        return sids;
    }

    /** The cart's lines as the grid serves them; 0 if its session is gone. */
    private static int cartLines(ShopClient http, String sid) {
        ShopClient.Reply r = http.unchecked().get("/api/sessions/" + sid + "/cart");
        return r.status() == 200 ? ((List<?>) r.map().get("items")).size() : 0;
    }

    private static long lost(ChaosCluster cluster) {
        long most = 0;
        for (int slot : cluster.upSlots()) {
            Object n = cluster.node(slot).http().get("/health/readiness").map().get("unflushedWritesLost");
            most = Math.max(most, ((Number) n).longValue());
        }
        return most;
    }

    private static void awaitFlushed(ChaosCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean flushed = true;
            for (int slot : cluster.upSlots()) {
                Map<String, Object> m = cluster.node(slot).http().unchecked().get("/health/readiness").map();
                flushed &= m.get("pendingWrites") instanceof Number n && n.longValue() == 0;
            }
            if (flushed) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the cluster did not flush within 60 s");
    }

    private static String logOf(ChaosCluster cluster, int slot) throws java.io.IOException {
        return Files.readString(cluster.node(slot).log());
    }
}
