package gridshop.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.ShopNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change made to a partition while its primary moves may reach a node's catalog index from neither the old primary
 * nor the new one, and primaries move once rebalancing is done, later than any discovery event (on a node that has just
 * joined, for its own partitions; on every node when a departure's rebalancing ends): CI saw a node's index a unit of
 * stock above the grid's after a rolling restart. So every node looks at the primaries of the catalog's partitions and
 * reads the catalog again when they moved. A lost event cannot be made to order here; the decision to read that would
 * take it in is what is shown (counted by cause in {@code gridshop.catalog.index.reconciles}).
 */
class IndexAfterPrimariesMoveTest {
    @Test
    void aNodeReadsTheCatalogAgainWhenThePrimariesOfItsPartitionsMove() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopNode first = grid.node(0);
            double before = primariesMoved(first);
            grid.add(Map.of()); // half of the partitions become primary on the newcomer once it holds them
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (primariesMoved(first) == before && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(primariesMoved(first) > before, "the first node saw the primaries move and read the catalog again");
        }
    }

    private static double primariesMoved(ShopNode node) {
        Counter c = node.bean(MeterRegistry.class).find("gridshop.catalog.index.reconciles").tag("cause", "primaries-moved").counter();
        return c == null ? 0 : c.count();
    }
}
