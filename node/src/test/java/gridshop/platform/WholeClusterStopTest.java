package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A whole cluster stopped at once (every node sent SIGTERM together, as `scripts/cluster stop` or a deleted
 * Kubernetes deployment does) stops promptly. Each node starts a graceful stop while the others are up, and the
 * one left last would wait for another node to take its copies until its graceful-stop limit ran out.
 */
class WholeClusterStopTest {
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void twoNodesStoppedTogetherDoNotWaitOutTheGracefulLimit() throws Exception {
        GridFixture grid = GridFixture.nodes(2, TestDatabase.freshUrl(),
            Map.of("gridshop.grid.graceful-stop-limit", LIMIT.toSeconds() + "s"));
        try {
            long t0 = System.nanoTime();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> grid.node(0).stopLikeSigterm());
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> grid.node(1).stopLikeSigterm());
            CompletableFuture.allOf(first, second).get(LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(took.compareTo(LIMIT.dividedBy(2)) < 0,
                "both nodes stopped in " + took.toMillis() + " ms, not after the graceful-stop limit of " + LIMIT);
            assertFalse(grid.node(0).context().isRunning() || grid.node(1).context().isRunning());
        } finally {
            grid.close();
        }
    }
}
