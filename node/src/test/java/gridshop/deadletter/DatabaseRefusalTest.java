package gridshop.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.deadletter.DeadLetterResponse;
import gridshop.api.order.OrderResponse;
import gridshop.api.ops.HealthResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopNode;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL that refuses every write is an outage, not a pile of bad rows: made read-only (what a fail-over to
 * a demoted primary does) or missing a table, it leaves an acknowledged checkout in the journal (no dead letter,
 * writes pending, back-pressure past the bound, readiness naming the SQLSTATE), and once PostgreSQL takes writes
 * again the order and its lines reach it. One node; each case restores the database in {@code finally}.
 */
class DatabaseRefusalTest {
    private static GridFixture grid;
    private static String db;

    @BeforeAll
    static void startNode() {
        db = TestDatabase.freshUrl();
        grid = GridFixture.nodes(1, db, Map.of("gridshop.write-behind.max-pending", "1"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aReadOnlyDatabaseKeepsTheCheckoutInTheJournalUntilItIsWritable() throws Exception {
        String sid = cartOfTwo();
        try {
            readOnly(true);
            String orderId = checkout(sid);
            assertKeptInTheJournal("25006", orderId);
            readOnly(false);
            assertReachesPostgres(orderId);
        } finally {
            readOnly(false);
        }
    }

    @Test
    void aMissingTableKeepsTheCheckoutInTheJournalUntilItIsBack() throws Exception {
        String sid = cartOfTwo();
        try {
            execute("ALTER TABLE orders RENAME TO orders_away");
            String orderId = checkout(sid);
            assertKeptInTheJournal("42P01", orderId);
            execute("ALTER TABLE orders_away RENAME TO orders");
            assertReachesPostgres(orderId);
        } finally {
            execute("ALTER TABLE IF EXISTS orders_away RENAME TO orders");
        }
    }

    /** A session with two products in its cart, everything flushed. */
    private static String cartOfTwo() throws InterruptedException {
        ShopClient http = node().http();
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, ShopFixture.inStock(3), 2);
        awaitPending(0);
        ShopFixture.setQuantity(http, sid, ShopFixture.inStock(40), 1);
        awaitPending(0);
        return sid;
    }

    private static String checkout(String sid) {
        ShopClient.Reply placed = ShopFixture.checkout(node().http(), sid, "refusal");
        assertEquals(201, placed.status(), placed.body());
        return placed.as(OrderResponse.class).orderId();
    }

    /** The flusher met the refusal (readiness says so, with its SQLSTATE) and parked nothing. */
    private static void assertKeptInTheJournal(String sqlState, String orderId) throws Exception {
        HealthResponse health = awaitReadiness(h -> h.deadLetters() > 0 || warned(h, sqlState));
        assertEquals(0, health.deadLetters(), "nothing parked as a dead letter: " + health);
        assertTrue(warned(health, sqlState), "readiness names the refusal: " + health.warnings());
        awaitPending(2); // the order's partition and at least one stock partition
        assertTrue(node().bean(GridStatus.class).pendingWrites() >= 2, "the journal keeps the checkout");
        ShopClient.Reply paused = node().http().post("/api/sessions", null);
        assertEquals(503, paused.status(), "back-pressure past max-pending: " + paused.body());
        assertTrue(paused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertEquals(0L, ShopFixture.count(db, "order_line WHERE order_id = '" + ShopFixture.gridId(orderId) + "'"));
    }

    private static void assertReachesPostgres(String orderId) throws Exception {
        awaitPending(0);
        assertEquals(1L, ShopFixture.count(db, "orders WHERE order_id = '" + ShopFixture.gridId(orderId) + "'"), "the order is in PostgreSQL");
        assertEquals(2L, ShopFixture.count(db, "order_line WHERE order_id = '" + ShopFixture.gridId(orderId) + "'"), "with its two lines");
        HealthResponse health = awaitReadiness(h -> h.warnings() == null
            || h.warnings().stream().noneMatch(w -> w.contains("Writes are not reaching PostgreSQL")));
        assertEquals(0, health.deadLetters(), "still no dead letter: " + health);
        assertEquals(List.of(), letters());
    }

    private static boolean warned(HealthResponse h, String sqlState) {
        return h.warnings() != null && h.warnings().stream().anyMatch(w -> w.contains("SQLSTATE " + sqlState));
    }

    private static HealthResponse awaitReadiness(java.util.function.Predicate<HealthResponse> done)
        throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HealthResponse h = readiness();
        while (!done.test(h) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            h = readiness();
        }
        return h;
    }

    private static HealthResponse readiness() {
        return node().http().get("/health/readiness").as(HealthResponse.class);
    }

    /** Waits until the sampled count of unflushed writes is 0 (drained) or at least {@code atLeast}. */
    private static void awaitPending(long atLeast) throws InterruptedException {
        GridStatus status = node().bean(GridStatus.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long p = status.pendingWrites();
            if (atLeast == 0 ? p == 0 : p >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pending writes never reached " + atLeast + " [now=" + status.pendingWrites() + "]");
    }

    private static List<DeadLetterResponse> letters() {
        ShopClient.Reply r = AdminClient.of(node().http()).send("/api/admin/dead-letters", "GET", "");
        assertEquals(200, r.status(), r.body());
        return List.of(r.as(DeadLetterResponse[].class));
    }

    private static void readOnly(boolean on) throws SQLException {
        TestDatabase.readOnly(db, on);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(db); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute(sql);
        }
    }

    private static ShopNode node() {
        return grid.node(0);
    }
}
