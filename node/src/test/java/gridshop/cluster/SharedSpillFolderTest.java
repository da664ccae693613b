package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.WriteBehindProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A spill folder names the node that keeps writes in it (its owner.id): the wait for a dead cluster's spills counts
 * on it. Two nodes of one cluster on the same folder (a shared or copied data directory) would stand in for each
 * other and replay each other's files, so the second one does not start, and says why.
 */
class SharedSpillFolderTest {

    @Test
    void aNodeWhoseSpillFolderAnotherNodeUsesDoesNotStart() {
        try (GridFixture grid = GridFixture.nodes(1)) {
            Path shared = grid.node(0).bean(WriteBehindProperties.class).spillDir();
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> grid.add(Map.of("gridshop.write-behind.spill-dir", shared.toString())));
            assertTrue(refused.getMessage().contains("same spill folder"), refused.getMessage());
        }
    }
}
