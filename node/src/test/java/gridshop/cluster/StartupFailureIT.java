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
 * cannot read: it must not start and drop those writes silently.
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
}
