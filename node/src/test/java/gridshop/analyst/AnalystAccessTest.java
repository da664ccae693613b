package gridshop.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.session.SessionCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyst endpoint of a two-node grid reads and never writes: a login is required, every SQL change is
 * refused with a message that says so, and the thin client is refused outright, leaving grid and PostgreSQL as
 * they were.
 */
class AnalystAccessTest {
    private static final String URL = "jdbc:ignite:thin://127.0.0.1:11800";
    private static final String USER = "analyst";
    private static final String PASSWORD = "test-analyst-password";
    private static GridFixture grid;
    private static ShopClient http;
    private static long product;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(2);
        http = grid.node(0).http();
        product = ShopFixture.inStock(5);
        ShopFixture.setStock(http, product, 330);
        long until = System.nanoTime() + 30_000_000_000L;
        while (postgresStockOrZero() != 330 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static int postgresStockOrZero() {
        try {
            return postgresStock();
        } catch (SQLException | AssertionError e) {
            return 0;
        }
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aWrongOrMissingPasswordIsRefused() {
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(URL, USER, "nope").close());
        assertTrue(wrong.getMessage().contains("user name or password is incorrect"), wrong.getMessage());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(URL).close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(URL, "postgres", PASSWORD).close());
        assertThrows(Exception.class, () -> thinClient("nope").close());
    }

    @Test
    void analystsReadEveryContractTable() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            for (String table : List.of("PRODUCT", "INVENTORY", "SHOPPER_SESSION", "CART", "ORDERS", "ORDER_LINE")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertTrue(rs.next(), table);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT available FROM INVENTORY WHERE product_id = " + product)) {
                assertTrue(rs.next());
                assertEquals(330, rs.getInt(1));
            }
        }
    }

    private int inventoryColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM INVENTORY WHERE product_id = " + product)) {
            return rs.getMetaData().getColumnCount();
        }
    }

    @Test
    void sqlChangesAreRefusedAndChangeNothing() throws Exception {
        int columns = inventoryColumns();
        List<String> changes = List.of(
            "UPDATE INVENTORY SET available = 0 WHERE product_id = " + product,
            "DELETE FROM INVENTORY WHERE product_id = " + product,
            "INSERT INTO INVENTORY (product_id, available, updated_at) VALUES (999999, 1, CURRENT_TIMESTAMP)",
            "MERGE INTO INVENTORY t USING (SELECT " + product + " AS id) s ON (t.product_id = s.id) "
                + "WHEN MATCHED THEN UPDATE SET available = 0",
            "/*+ QUERY_ENGINE('h2') */ MERGE INTO INVENTORY (product_id, available, updated_at) VALUES (" + product
                + ", 0, CURRENT_TIMESTAMP)",
            "CREATE TABLE ANALYST_NOTES (id INT PRIMARY KEY, note VARCHAR)",
            "DROP TABLE INVENTORY",
            "CREATE INDEX INVENTORY_UPDATED_AT_IDX ON INVENTORY (updated_at)",
            "DROP INDEX ORDER_LINE_CREATEDAT_IDX",
            "ALTER TABLE INVENTORY ADD COLUMN note VARCHAR",
            "ALTER TABLE INVENTORY DROP COLUMN updated_at");
        for (String engine : List.of("calcite", "h2")) {
            try (Connection c = DriverManager.getConnection(URL + "?queryEngine=" + engine, USER, PASSWORD);
                 Statement st = c.createStatement()) {
                for (String sql : changes) {
                    if (engine.equals("h2") && sql.startsWith("MERGE INTO INVENTORY t USING")) {
                        continue; // H2 1.4.197 has its own MERGE (the hinted one above)
                    }
                    SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), engine + ": " + sql);
                    assertTrue(e.getMessage().contains("read-only"), engine + ": " + sql + " → " + e.getMessage());
                }
            }
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INVENTORY WHERE product_id = 999999")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            assertEquals(columns, inventoryColumns(), "no column was added or dropped");
            assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM ANALYST_NOTES"));
        }
        assertEquals(330, ShopFixture.stockOf(http, product));
        assertEquals(330, ShopFixture.stockOf(grid.node(1).http(), product));
        assertEquals(330, postgresStock());
    }

    /**
     * The analyst port speaks SQL only: the thin client's key-value API reads a cache's keys and whole values (a
     * scan of cache session lists every shopper's session id, their only credential), so it is refused at the
     * handshake, with the analyst's own login too; its changes with it.
     */
    @Test
    void theThinClientIsRefusedEvenWithTheAnalystsLogin() throws Exception {
        Exception e = assertThrows(Exception.class, () -> {
            try (IgniteClient client = thinClient(PASSWORD)) {
                client.cache(SessionCache.NAME).query(new ScanQuery<>()).getAll();
                client.cache(InventoryCache.NAME).put(product, new Stock(product, 0, 99, new java.sql.Timestamp(0)));
            }
        });
        assertTrue(String.valueOf(e.getMessage()).contains("not allowed"), String.valueOf(e.getMessage()));
        assertEquals(330, ShopFixture.stockOf(http, product));
        assertEquals(330, postgresStock());
    }

    private static IgniteClient thinClient(String password) {
        return Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:11800")
            .setUserName(USER).setUserPassword(password));
    }

    private static int postgresStock() throws SQLException {
        try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT available FROM inventory WHERE product_id = " + product)) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
