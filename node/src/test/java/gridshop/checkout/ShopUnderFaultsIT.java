package gridshop.checkout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopperLoad;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Three node JVMs under a steady shopper load (sessions, cart puts, checkouts), through one run of ordinary bad
 * days: kill -9 of a node and its return, PostgreSQL stopped for 30 s with a node restarted during the outage,
 * then a rolling restart of every node, each gated on the new one's readiness. Afterwards every acknowledged
 * order and cart is in the grid and in PostgreSQL, stock + sold = initial stock in PostgreSQL, and no answer
 * was a 5xx other than 503 with Retry-After.
 */
class ShopUnderFaultsIT {
    private static final Map<String, String> CONFIG = Map.of("gridshop.write-behind.drain-timeout", "3s");

    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();

    @Test
    void everyAcknowledgedWriteSurvivesAKillAnOutageAndARollingRestartUnderLoad() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("faults")) {
            nodes.add(NodeProcess.start(pg.url(), CONFIG));
            NodeProcess b = NodeProcess.launch(pg.url(), CONFIG);
            nodes.add(b);
            NodeProcess c = NodeProcess.launch(pg.url(), CONFIG);
            nodes.add(c);
            c.readyWith(b); // the second and third join together
            ShopperLoad load = ShopperLoad.start(() -> nodes.stream().map(NodeProcess::http).toList(), 30, 3);
            try {
                Thread.sleep(5_000);
                NodeProcess victim = nodes.get(1);
                nodes.remove(victim);
                victim.kill9();
                Thread.sleep(5_000);
                nodes.add(NodeProcess.start(pg.url(), CONFIG));
                Thread.sleep(3_000);

                // The outage lasts 30 s whatever the restart inside it takes: the new node starts while PostgreSQL is
                // down and becomes ready once it answers again (a start cannot finish without it, so it is awaited after).
                long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                pg.down();
                Thread.sleep(5_000);
                NodeProcess old = nodes.get(0);
                nodes.remove(old);
                old.stop();
                NodeProcess started = NodeProcess.launch(pg.url(), CONFIG);
                Thread.sleep(Math.max(0, (outageEnds - System.nanoTime()) / 1_000_000));
                pg.up();
                nodes.add(started.readyOrKilled(Duration.ofSeconds(120)));
                Thread.sleep(5_000);

                for (NodeProcess n : List.copyOf(nodes)) {
                    restart(n, pg);
                }
                Thread.sleep(3_000);
            } finally {
                load.stop();
            }
            assertTrue(load.ordersAcknowledged() > 50, "the load placed orders: " + load.ordersAcknowledged());
            load.assertNothingLost(pg.url(), nodes.get(0).http());
        } finally {
            for (NodeProcess n : nodes) {
                n.close();
            }
        }
    }

    /** SIGTERM of one node, then a new node in its place, ready before this returns (a rolling step). */
    private void restart(NodeProcess old, OwnPostgres pg) throws InterruptedException {
        nodes.remove(old);
        old.stop();
        nodes.add(NodeProcess.start(pg.url(), CONFIG));
    }
}
