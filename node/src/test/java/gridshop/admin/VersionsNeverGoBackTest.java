package gridshop.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.ProductCache;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient.Reply;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 29, "versions never go backwards": an entity the grid no longer holds (its partition was lost and reset, as
 * before route 2 was closed, or a merchant deletes and re-creates it) but whose older row PostgreSQL still has at a
 * higher version is written again. The new write must win in PostgreSQL; with versions counted from 1 it was version 1,
 * the upsert's guard kept PostgreSQL's older row silently, and the next full restart undid the merchant.
 */
class VersionsNeverGoBackTest {
    private static GridFixture grid;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(1);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aProductRecreatedAfterTheGridLostItIsNewerThanPostgresOlderRow() throws Exception {
        long id = 17;
        try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement()) {
            // PostgreSQL's row has been written a few times (as before the loss): version 5.
            st.executeUpdate("UPDATE product SET version = 5, name = 'Lamp before the loss' WHERE id = " + id);
        }
        // The grid loses the product (both copies gone, the partition reset): nothing of it is left in the grid.
        grid.node(0).bean(Ignite.class).cache(ProductCache.NAME).clear(id);

        Reply created = AdminClient.of(grid.node(0).http()).put("/api/admin/products/" + id, AdminClient.product(id, "Lamp re-created", "12.50"));
        assertEquals(201, created.status(), "the grid does not hold it, so it is created: " + created.body());

        String name = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && !"Lamp re-created".equals(name)) {
            Thread.sleep(200);
            try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, version FROM product WHERE id = " + id)) {
                rs.next();
                name = rs.getString(1);
                assertTrue(rs.getLong(2) >= 5, "a version never goes backwards in PostgreSQL");
            }
        }
        assertEquals("Lamp re-created", name, "PostgreSQL took the merchant's write, not its older row at a higher version");
    }
}
