package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node joins only a cluster that shares its identity: the cluster's secret (gridshop.cluster.secret) and the
 * cluster's PostgreSQL database (the identity stored there on the first start). A stranger is refused, says why,
 * and exits; the cluster is unchanged; a node with the same secret and database joins. Separate JVMs.
 */
@Timeout(400)
class ClusterIdentityIT {

    @Test
    void aNodeWithAnotherSecretIsRefusedAndExits() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("cluster-secret");
             NodeProcess a = NodeProcess.start(pg.url(), Map.of("gridshop.cluster.secret", "our-secret"))) {
            try (NodeProcess stranger = NodeProcess.launch(pg.url(), Map.of("gridshop.cluster.secret", "another"))) {
                assertEquals(1, stranger.awaitExit(Duration.ofSeconds(120)), "the stranger exits with status 1");
                assertTrue(Files.readString(stranger.log()).contains("refused this node: it does not present that cluster's secret"),
                    "the stranger's log says why");
            }
            assertTrue(Files.readString(a.log()).contains("does not present this cluster's secret"),
                "the cluster's log names the refusal");
            assertEquals(1, a.servers(), "the cluster is unchanged");
            try (NodeProcess friend = NodeProcess.start(pg.url(), Map.of("gridshop.cluster.secret", "our-secret"))) {
                assertEquals(2, a.servers(), "a node with the secret joins");
            }
        }
    }

    @Test
    void aNodeOfAnotherDatabaseIsRefusedAtTheDoorAndExits() throws Exception {
        try (OwnPostgres ours = OwnPostgres.start("identity-ours"); OwnPostgres theirs = OwnPostgres.start("identity-theirs");
             NodeProcess a = NodeProcess.start(ours.url(), Map.of())) {
            try (NodeProcess stranger = NodeProcess.launch(theirs.url(), Map.of())) {
                assertEquals(1, stranger.awaitExit(Duration.ofSeconds(120)), "the stranger exits with status 1");
                assertTrue(Files.readString(stranger.log()).contains(
                    "The cluster refused this node: this node writes behind into another PostgreSQL database"),
                    "the stranger's log says why");
            }
            assertTrue(Files.readString(a.log()).contains("A node was refused: this node writes behind into another PostgreSQL"),
                "the cluster's log names the refusal");
            assertEquals(1, a.servers(), "the cluster is unchanged");
            assertEquals(0, ShopFixture.count(theirs.url(), "product"), "nothing was loaded into the stranger's database");
            try (NodeProcess friend = NodeProcess.start(ours.url(), Map.of())) {
                assertEquals(2, a.servers(), "a node of the same database joins");
            }
        }
    }

    /**
     * PostgreSQL unreachable when the stranger starts: it joins without an identity (as any node may join a loaded
     * cluster during an outage), but its flusher waits for the check; once its database answers it sees it is not
     * the cluster's, leaves and exits, and what the shop acknowledged meanwhile reaches only the cluster's database.
     */
    @Test
    void aNodeOfAnotherDatabaseThatJoinedDuringAnOutageLeavesBeforeWritingThere() throws Exception {
        try (OwnPostgres ours = OwnPostgres.start("identity-ours-2"); OwnPostgres theirs = OwnPostgres.start("identity-theirs-2");
             NodeProcess a = NodeProcess.start(ours.url(), Map.of())) {
            theirs.down();
            Map<String, CartRow> acknowledged = new HashMap<>();
            try (NodeProcess stranger = NodeProcess.start(theirs.url(), Map.of())) {
                assertEquals(2, a.servers(), "the stranger joined while its database was unreachable");
                for (int i = 0; i < 20; i++) {
                    String sid = ShopFixture.newSession(a.http());
                    acknowledged.put(sid, CartRow.of(ShopFixture.setQuantity(a.http(), sid, ShopFixture.inStock(1 + i), 1)));
                }
                theirs.up();
                assertEquals(1, stranger.awaitExit(Duration.ofSeconds(120)), "the stranger exits once it can check");
                assertTrue(Files.readString(stranger.log()).contains("this node writes behind into another PostgreSQL"),
                    "the stranger's log says why");
            }
            assertEquals(1, a.servers(), "the cluster is whole without it");
            ShopFixture.awaitCarts(ours.url(), Duration.ofSeconds(60), acknowledged::equals);
            assertEquals(0, ShopFixture.count(theirs.url(), "cart"), "no cart reached the stranger's database");
            assertEquals(0, ShopFixture.count(theirs.url(), "shopper_session"), "no session reached the stranger's database");
        }
    }
}
