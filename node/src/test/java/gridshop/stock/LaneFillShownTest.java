package gridshop.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node's start fills its lane from the whole catalog in the background (a few partitions a tick): ops see how much
 * of it is left in {@code gridshop.stock.lend.fill.partitions}, which falls to 0 once the fill has read the catalog
 * (at a million products that takes minutes beside the shoppers' requests; the search bench waits for it), and the asks
 * for lends its start made are through soon after.
 */
class LaneFillShownTest {

    @Test
    void theLaneFillOfANodesStartIsShownWhileUnderWayAndEndsAtZero() throws Exception {
        // 512 partitions at 32 a tick and a tick every 200 ms: the fill takes a few seconds.
        try (GridFixture grid = GridFixture.nodes(1, TestDatabase.freshUrl(), Map.of("gridshop.stock.escrow", true,
                "gridshop.stock.settle-every", "200ms", "gridshop.grid.partitions", 512, "gridshop.demo.products", 20_000))) {
            MeterRegistry meters = grid.node(0).bean(MeterRegistry.class);
            List<Double> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            double left = left(meters);
            // ready, and the escrow's first tick perhaps not yet come: the fill ahead counts as the whole catalog, so a
            // look right after readiness (the benches' wait) does not take it for over
            assertTrue(left > 0, "right after readiness the fill ahead counts (all but a tick's worth of) the catalog: " + left);
            while (left > 0 && System.nanoTime() < deadline) {
                if (seen.isEmpty() || seen.get(seen.size() - 1) != left) {
                    seen.add(left);
                }
                Thread.sleep(50);
                left = left(meters);
            }
            seen.add(left);
            assertTrue(seen.stream().anyMatch(v -> v > 0 && v < 512), "the fill was seen under way: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) <= seen.get(i - 1), "what is left only falls: " + seen);
            }
            assertEquals(0.0, left, "the fill ended within a minute: " + seen);

            // The start also asked a lend for every product as the catalog's levels reached the feed, while the fill
            // lent to them: the asks for slices that hold their share are dropped without a transaction, so they
            // are through soon after the fill, not 256 a tick for many ticks.
            while (meters.get("gridshop.stock.lend.wanted").gauge().value() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0.0, meters.get("gridshop.stock.lend.wanted").gauge().value(), "every ask was looked at");
            double skipped = meters.get("gridshop.stock.lend.skipped").counter().count();
            assertTrue(skipped > 0, "asks for slices that held their share were dropped without a lend: " + skipped);
        }
    }

    private static double left(MeterRegistry meters) {
        return meters.get("gridshop.stock.lend.fill.partitions").gauge().value();
    }
}
