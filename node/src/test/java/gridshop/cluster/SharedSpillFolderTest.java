package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.WriteBehindProperties;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;

/**
 * A spill folder names the node that keeps writes in it (its owner.id): the wait for a dead cluster's spills counts
 * on it. Two nodes of one cluster on the same folder (a shared or copied data directory) would stand in for each
 * other and replay each other's files, so the second one does not start, and says why.
 */
class SharedSpillFolderTest {

    @Test
    void aNodeWhoseSpillFolderAnotherNodeUsesDoesNotStart() throws InterruptedException {
        try (GridFixture grid = GridFixture.nodes(1)) {
            Path shared = grid.node(0).bean(WriteBehindProperties.class).spillDir();
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> grid.add(Map.of("gridshop.write-behind.spill-dir", shared.toString())));
            assertTrue(refused.getMessage().contains("same spill folder"), refused.getMessage());
            awaitGone(); // the refused node leaves from its own start-up thread: gone before the next test's nodes start
        }
    }

    /** Waits (up to a minute) until the refused node's grid has stopped: only the first node's is left in this JVM. */
    private static void awaitGone() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Ignition.allGrids().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, Ignition.allGrids().size(), "the refused node's grid stopped");
    }
}
