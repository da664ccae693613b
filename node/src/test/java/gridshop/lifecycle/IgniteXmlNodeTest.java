package gridshop.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.ShopNode;
import gridshop.platform.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;

/**
 * A node started on the README's example overlay (scripts/ignite-overlay.example.xml, gridshop.grid.ignite-xml) runs
 * the operator's cache in its own region beside the shop's and carries the operator's attribute, and still serves the
 * shop; a node pointed at a file that sets what the node sets itself does not start, and says which settings.
 */
class IgniteXmlNodeTest {
    private static final Path EXAMPLE = Path.of("../scripts/ignite-overlay.example.xml");

    @Test
    void aNodeRunsTheOperatorsOverlayBesideTheShop() {
        try (GridFixture grid = GridFixture.nodes(1, TestDatabase.freshUrl(),
                Map.of("gridshop.grid.ignite-xml", EXAMPLE.toString()))) {
            Ignite ignite = grid.node(0).bean(Ignite.class);
            IgniteCache<String, String> notes = ignite.cache("merchant-notes");
            notes.put("restock", "Thursday");
            assertEquals("Thursday", notes.get("restock"));
            assertEquals("notes", notes.getConfiguration(org.apache.ignite.configuration.CacheConfiguration.class).getDataRegionName());
            assertEquals("r1", ignite.cluster().localNode().attribute("rack"));
            assertEquals(7000, ignite.configuration().getNetworkTimeout());
            assertEquals(200, grid.node(0).http().get("/api/products?size=1").status());
        }
    }

    @Test
    void aNodeOnAFileThatSetsTheNodesOwnSettingsDoesNotStart() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ShopNode.start("xml-clash", TestDatabase.freshUrl(),
            Map.of("gridshop.grid.ignite-xml", "../grid-config/src/test/resources/ignite-xml/clashing.xml")).close());
        String all = messages(e);
        assertTrue(all.contains("discoverySpi") && all.contains("cacheConfiguration product"), all);
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
