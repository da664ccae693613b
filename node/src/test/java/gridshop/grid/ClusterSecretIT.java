package gridshop.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node joins only with the cluster's secret (gridshop.cluster.secret): one with another secret is refused,
 * says so, and exits; the cluster is unchanged; one with the same secret joins. Separate JVMs.
 */
@Timeout(300)
class ClusterSecretIT {

    @Test
    void aNodeWithAnotherSecretIsRefusedAndExits() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("cluster-secret");
             NodeProcess a = NodeProcess.start(pg.url(), Map.of("gridshop.cluster.secret", "our-secret"))) {
            try (NodeProcess stranger = NodeProcess.launch(pg.url(), Map.of("gridshop.cluster.secret", "another"))) {
                assertEquals(1, stranger.awaitExit(Duration.ofSeconds(120)), "the stranger exits with status 1");
                String said = Files.readString(stranger.log());
                assertTrue(said.contains("refused this node: it does not present that cluster's secret"),
                    "the stranger's log says why");
            }
            assertTrue(Files.readString(a.log()).contains("does not present this cluster's secret"),
                "the cluster's log names the refusal");
            assertEquals(1, servers(a), "the cluster is unchanged");
            try (NodeProcess friend = NodeProcess.start(pg.url(), Map.of("gridshop.cluster.secret", "our-secret"))) {
                assertEquals(2, servers(a), "a node with the secret joins");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static int servers(NodeProcess node) {
        Map<String, Object> topology = node.http().get("/api/ops/topology", NodeProcess.OPS_TOKEN).map();
        return ((List<Object>) topology.get("nodes")).size();
    }
}
