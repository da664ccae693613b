package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose start-up fails after it joined the grid does not stay in it half-started (holding partitions
 * with no flusher): it leaves the grid and its JVM exits non-zero. Here the failure is a spill file the node
 * cannot read: it must not start and drop those writes silently. And a node that cannot take its one listed
 * discovery port fails, rather than waiting unseen on another.
 */
class StartupFailureIT {

    @Test
    void aNodeThatFailsToStartLeavesTheGridAndExitsNonZero() throws Exception {
        String db = TestDatabase.freshUrl();
        Path spill = Path.of("target", "it-spill", "corrupt-" + ProcessHandle.current().pid());
        Files.createDirectories(spill);
        Files.writeString(spill.resolve("writes-1-1.spill"), "not a spill file");
        try (NodeProcess healthy = NodeProcess.start(db, Map.of())) {
            NodeProcess broken = NodeProcess.launch(db, Map.of("gridshop.write-behind.spill-dir", spill.toString()));
            int exit = broken.awaitExit(Duration.ofSeconds(90));
            assertTrue(exit > 0, "the broken node exits non-zero, got " + exit + "; log: " + broken.log());
            assertTrue(Files.readString(broken.log()).contains("Start-up failed"), "the log says why");
            assertEquals(1, ((Number) healthy.http().get("/health/readiness").map().get("gridNodes")).intValue(),
                "the broken node left the grid");
            assertEquals(200, healthy.http().get("/api/products/1").status(), "the healthy node serves on");
        }
    }

    /**
     * A node whose address list names one discovery port, taken when it starts (here by a socket of the test's; on a
     * machine, for a moment, by an outgoing connection: the ports are in Linux's ephemeral range), fails to start and
     * says which port, instead of taking the next port, which no one looks at, and waiting for a cluster forever.
     */
    @Test
    void aNodeWhoseOneListedDiscoveryPortIsTakenFailsToStartNamingIt() throws Exception {
        int port = NodeProcess.DISCOVERY_PORT + 40;
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            NodeProcess node = NodeProcess.launch(TestDatabase.freshUrl(), Map.of("gridshop.discovery.port",
                String.valueOf(port), "gridshop.discovery.addresses", "127.0.0.1:" + port));
            int exit = node.awaitExit(Duration.ofSeconds(90));
            if (exit < 0) {
                node.stop();
            }
            assertTrue(exit > 0, "the node exits non-zero, got " + exit + " (-1: still running after 90 s); log: "
                + node.log());
            String log = Files.readString(node.log());
            assertTrue(log.contains("Failed to bind") && log.contains(String.valueOf(port)),
                "the log says the port could not be taken, and names it; log: " + node.log());
        }
    }
}
