package gridshop.persistence.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import gridshop.grid.catalog.Stock;
import gridshop.grid.session.ShopperSession;
import gridshop.persistence.cart.CartTable;
import gridshop.persistence.catalog.InventoryTable;
import gridshop.persistence.session.SessionTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grid value and its row read back from PostgreSQL have the same fingerprint, although PostgreSQL keeps them
 * its own way (NUMERIC at its column's scale, timestamps to the microsecond, a NULL); change any written column
 * in PostgreSQL behind the grid's back, at the same version, and the fingerprints differ. One real PostgreSQL.
 */
class ContentFingerprintTest {
    private static final InventoryTable INVENTORY = new InventoryTable();
    private static final SessionTable SESSIONS = new SessionTable();
    private static final CartTable CARTS = new CartTable();
    // Nanoseconds PostgreSQL cannot keep: it holds 12:00:00.123457 (rounded, as the driver sends it).
    private static final Timestamp AT = Timestamp.from(Instant.parse("2026-12-05T12:00:00.123456789Z"));
    private static final Timestamp LATER = Timestamp.from(Instant.now().plusSeconds(3_600));
    private static EmbeddedDatabase pg;
    private static HikariDataSource shop;

    @BeforeAll
    static void database() {
        pg = EmbeddedDatabase.start(Path.of("target/pg-content-" + ProcessHandle.current().pid()), 0, false);
        shop = Database.open(pg.jdbcUrl(), pg.user(), "", 2);
    }

    @AfterAll
    static void stop() {
        shop.close();
        pg.close();
    }

    @Test
    void aStockLevelChangedAtTheSameVersionDiffers() throws Exception {
        Stock stock = new Stock(11, 5, 3, new BigDecimal("29.7"), 4, AT); // NUMERIC(20,2) keeps 29.70
        write(INVENTORY, List.of(stock));
        assertEquals(INVENTORY.fingerprint(stock), readBack(INVENTORY).get(11L), "the same content, read back");
        execute("UPDATE inventory SET available = available - 3 WHERE product_id = 11");
        assertNotEquals(INVENTORY.fingerprint(stock), readBack(INVENTORY).get(11L), "stock 5 in the grid, 2 in PostgreSQL");
    }

    @Test
    void aSessionWithoutCustomerMatchesAndItsCustomerChangedDiffers() throws Exception {
        ShopperSession session = new ShopperSession("s-content", null, AT, LATER, 2);
        write(SESSIONS, List.of(session));
        assertEquals(SESSIONS.fingerprint(session), readBack(SESSIONS).get("s-content"));
        execute("UPDATE shopper_session SET customer_id = 'someone' WHERE session_id = 's-content'");
        assertNotEquals(SESSIONS.fingerprint(session), readBack(SESSIONS).get("s-content"));
    }

    @Test
    void aCartMatchesAndItsSubtotalOrAQuantityChangedDiffers() throws Exception {
        ShopperSession session = new ShopperSession("c-content", null, AT, LATER, 1);
        write(SESSIONS, List.of(session));
        Cart cart = new Cart("c-content", List.of(new CartLine(1, "a", new BigDecimal("9.9"), 2),
            new CartLine(2, "b", new BigDecimal("10.00"), 1)), 3, AT);
        write(CARTS, List.of(cart));
        assertEquals(CARTS.fingerprint(cart), readBack(CARTS).get("c-content"), "arrays and NUMERIC scale");
        execute("UPDATE cart SET subtotal = subtotal + 1 WHERE session_id = 'c-content'");
        assertNotEquals(CARTS.fingerprint(cart), readBack(CARTS).get("c-content"), "a column read() derives");
        execute("UPDATE cart SET subtotal = subtotal - 1, quantities = '{2,2}' WHERE session_id = 'c-content'");
        assertNotEquals(CARTS.fingerprint(cart), readBack(CARTS).get("c-content"), "an array element");
    }

    private static <K, V> void write(DurableTable<K, V> table, List<V> values) throws Exception {
        try (Connection c = shop.getConnection()) {
            table.upsert(c, values);
        }
    }

    private static <K, V> Map<K, Long> readBack(DurableTable<K, V> table) throws Exception {
        Map<K, Long> out = new HashMap<>();
        try (Connection c = shop.getConnection()) {
            c.setAutoCommit(false);
            table.readFingerprinted(c, (key, value, fingerprint) -> out.put(key, fingerprint));
            c.rollback();
        }
        return out;
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = shop.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
