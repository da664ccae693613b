package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.grid.cart.CartCache;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.order.OrderCache;
import gridshop.grid.order.OrderIds;
import gridshop.grid.order.OrderLineCache;
import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.JournalKey;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.grid.session.SessionCache;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.api.catalog.CategoryResponse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.persistence.diagnostic.pagelocktracker.PageLockTrackerManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Ignite server nodes (in this JVM), one grid: each node serves all data, wherever it lives. */
class TwoNodeClusterTest {
    private static GridFixture grid;
    private static ShopClient a;
    private static ShopClient b;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(2);
        a = grid.node(0).http();
        b = grid.node(1).http();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void bothNodesAreInOneGrid() {
        assertEquals(2, grid.node(0).bean(GridStatus.class).serverNodes());
        assertEquals(2, grid.node(1).bean(GridStatus.class).serverNodes());
    }

    @Test
    void everyProductIsServedByBothNodes() {
        for (long id = 1; id <= 300; id++) {
            ProductResponse fromA = a.get("/api/products/" + id).as(ProductResponse.class);
            assertEquals(fromA, b.get("/api/products/" + id).as(ProductResponse.class), "product " + id);
        }
        assertEquals(a.get("/api/categories").body(), b.get("/api/categories").body());
        assertEquals(a.get("/api/products?sort=price&size=100&page=1").body(), b.get("/api/products?sort=price&size=100&page=1").body());
    }

    @Test
    void aCartWrittenOnOneNodeIsReadOnTheOther() {
        for (int i = 0; i < 20; i++) {
            ShopClient writer = i % 2 == 0 ? a : b;
            ShopClient reader = i % 2 == 0 ? b : a;
            String sid = ShopFixture.newSession(writer);
            CartResponse written = ShopFixture.setQuantity(writer, sid, ShopFixture.inStock(1 + i), 1 + i % 3);
            CartResponse read = reader.get("/api/sessions/" + sid + "/cart").as(CartResponse.class);
            assertEquals(CartRow.of(written), CartRow.of(read));
            assertEquals(written.items(), read.items());
            assertEquals(200, reader.get("/api/sessions/" + sid).status());
        }
    }

    /** The contract: the writing node serves the new price at once, every other node within a second. */
    @Test
    void aPriceChangedOnOneNodeIsServedByItAtOnceAndByTheOtherWithinASecond() throws InterruptedException {
        for (long id = 20; id < 40; id++) {
            String price = id + ".75";
            assertEquals(200, AdminClient.of(a).patch("/api/admin/products/" + id + "/price", "{\"price\":" + price + "}").status());
            long acknowledged = System.nanoTime();
            assertEquals(new BigDecimal(price), priceOn(a, id), "product " + id + " on A");
            BigDecimal onB = priceOn(b, id);
            while (!onB.equals(new BigDecimal(price)) && System.nanoTime() - acknowledged < 1_000_000_000L) {
                Thread.sleep(5);
                onB = priceOn(b, id);
            }
            assertEquals(new BigDecimal(price), onB, "product " + id + " on B, 1 s after the change");
        }
    }

    private static BigDecimal priceOn(ShopClient node, long id) {
        return node.get("/api/products/" + id).as(ProductResponse.class).price();
    }

    @Test
    void analystsQueryTheGridOverJdbcWithSnakeCaseColumns() throws Exception {
        String sid = ShopFixture.newSession(a);
        ShopFixture.setQuantity(a, sid, ShopFixture.inStock(50), 3);
        // Both nodes in the URL: the driver fails over to the second if the first is down.
        try (Connection c = DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:11800,127.0.0.1:11801", "analyst", "test-analyst-password");
             Statement st = c.createStatement()) {
            Map<String, Long> byCategory = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT category, COUNT(*), AVG(price) FROM PRODUCT GROUP BY category")) {
                while (rs.next()) {
                    byCategory.put(rs.getString(1), rs.getLong(2));
                    assertTrue(rs.getBigDecimal(3).signum() > 0);
                }
            }
            Map<String, Long> fromApi = new TreeMap<>();
            for (CategoryResponse cat : a.get("/api/categories").as(CategoryResponse[].class)) {
                fromApi.put(cat.name(), cat.productCount());
            }
            assertEquals(fromApi, byCategory);
            try (ResultSet rs = st.executeQuery("SELECT session_id, item_count, subtotal, updated_at FROM CART WHERE session_id = '" + ShopFixture.gridId(sid) + "'")) {
                assertTrue(rs.next(), "cart row for " + sid);
                assertEquals(3, rs.getInt("item_count"));
                assertTrue(rs.getBigDecimal("subtotal").signum() > 0);
                assertTrue(rs.getTimestamp("updated_at") != null);
            }
            try (ResultSet rs = st.executeQuery("SELECT customer_id, created_at FROM SHOPPER_SESSION WHERE session_id = '" + ShopFixture.gridId(sid) + "'")) {
                assertTrue(rs.next());
                assertTrue(rs.getTimestamp("created_at") != null);
            }
            // PRODUCT and INVENTORY share partitions, so their join is local on every node.
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(i.available) FROM PRODUCT p JOIN INVENTORY i ON i.product_id = p.id")) {
                assertTrue(rs.next());
                assertEquals(300, rs.getLong(1));
            }
        }
    }

    /** GridNode starts Ignite without its page-lock tracking (a diagnostic that cost every write 3-5 % of its CPU). */
    @Test
    void nodesRunWithoutPageLockTracking() {
        for (int i = 0; i < 2; i++) {
            IgniteEx ignite = (IgniteEx) grid.node(i).bean(Ignite.class);
            PageLockTrackerManager locks = ignite.context().cache().context().diagnostic().pageLockTracker();
            assertSame(PageLockTrackerManager.NOOP_LSNR, locks.createPageLockTracker("probe"),
                "node " + i + " tracks page locks: IGNITE_PAGE_LOCK_TRACKER_TYPE=" + System.getProperty("IGNITE_PAGE_LOCK_TRACKER_TYPE"));
        }
    }

    /**
     * GridNode turns off Ignite's page read counters (its io.statistics metrics: 12-14 % of a shopper request's node
     * CPU, docs/benchmarks.md): a shopper's writes (applied on a primary and a backup), reads and an SQL query through
     * an index leave every such counter of both nodes where it was.
     */
    @Test
    void nodesDoNotCountPageReads() {
        long[] before = {pageReads(0), pageReads(1)};
        String sid = ShopFixture.newSession(a);
        ShopFixture.setQuantity(a, sid, ShopFixture.inStock(60), 1);
        assertEquals(201, ShopFixture.checkout(a, sid, "page-reads").status());
        for (int i = 0; i < 2; i++) {
            Ignite ignite = grid.node(i).bean(Ignite.class);
            for (long id = 1; id <= 100; id++) {
                ignite.cache(ProductCache.NAME).get(id);
            }
            ignite.cache(ProductCache.NAME).query(new org.apache.ignite.cache.query.SqlFieldsQuery(
                "SELECT count(*) FROM PRODUCT WHERE category = ? AND price > 10").setArgs("books")).getAll();
        }
        assertEquals(before[0], pageReads(0), "node 0 counted page reads");
        assertEquals(before[1], pageReads(1), "node 1 counted page reads");
    }

    /** The sum of a node's io.statistics page read counters (every cache group and SQL index). */
    private static long pageReads(int node) {
        IgniteEx ignite = (IgniteEx) grid.node(node).bean(Ignite.class);
        long sum = 0;
        int counters = 0;
        for (org.apache.ignite.spi.metric.ReadOnlyMetricRegistry r : ignite.context().metric()) {
            if (!r.name().startsWith("io.statistics.")) {
                continue;
            }
            for (org.apache.ignite.spi.metric.Metric m : r) {
                if (m.name().contains("LOGICAL_READS") && m instanceof org.apache.ignite.spi.metric.LongMetric l) {
                    sum += l.value();
                    counters++;
                }
            }
        }
        assertTrue(counters > 0, "no page read counters found on node " + node);
        return sum;
    }

    @Test
    void colocatedDataSharesAPartition() {
        Ignite ignite = grid.node(0).bean(Ignite.class);
        Affinity<Object> product = ignite.affinity(ProductCache.NAME);
        Affinity<Object> inventory = ignite.affinity(InventoryCache.NAME);
        Affinity<Object> session = ignite.affinity(SessionCache.NAME);
        Affinity<Object> cart = ignite.affinity(CartCache.NAME);
        for (long id = 1; id <= 200; id++) {
            assertEquals(product.partition(id), inventory.partition(id));
            String sid = "session-" + id;
            assertEquals(session.partition(sid), cart.partition(sid));
        }
    }

    @Test
    void newOrderIdsAreDistinctAndLieInTheirSessionsPartition() {
        Ignite ignite = grid.node(0).bean(Ignite.class);
        OrderIds ids = new OrderIds(ignite);
        Affinity<Object> orders = ignite.affinity(OrderCache.NAME);
        Affinity<Object> sessions = ignite.affinity(SessionCache.NAME);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String sid = java.util.UUID.randomUUID().toString();
            String id = ids.next(sid);
            assertEquals(sessions.partition(sid), orders.partition(id), id);
            assertTrue(seen.add(id), "ids repeat: " + id);
            assertEquals(40, id.length(), "a UUID, a dash and three characters (found by hash, not built): " + id);
        }
    }

    @Test
    void aCheckoutsJournalEntriesLieInThePartitionsOfTheEntitiesTheyName() throws Exception {
        Ignite ignite = grid.node(1).bean(Ignite.class);
        Affinity<Object> journal = ignite.affinity(WriteJournalCache.NAME);
        // Every entry created while the test runs, with the partition its key maps to.
        Map<JournalEntry, Integer> seen = new ConcurrentHashMap<>();
        ContinuousQuery<JournalKey, JournalEntry> q = new ContinuousQuery<>();
        q.setLocalListener(events -> events.forEach(e -> {
            if (e.getEventType() == EventType.CREATED) {
                seen.put(e.getValue(), journal.partition(e.getKey()));
            }
        }));
        try (QueryCursor<?> ignored = ignite.<JournalKey, JournalEntry>cache(WriteJournalCache.NAME).query(q)) {
            String sid = ShopFixture.newSession(a);
            for (long id = 150; id < 190; id += 10) {
                ShopFixture.setQuantity(a, sid, ShopFixture.inStock(id), 1);
            }
            assertEquals(201, ShopFixture.checkout(a, sid, "journal-test").status());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!(names(seen, OrderCache.NAME) && names(seen, OrderLineCache.NAME) && names(seen, InventoryCache.NAME))
                && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(names(seen, OrderCache.NAME) && names(seen, OrderLineCache.NAME) && names(seen, InventoryCache.NAME),
            "the checkout's journal entries name its order, lines and stock");
        seen.forEach((entry, partition) -> {
            for (int n = 0; n < entry.size(); n++) {
                assertEquals(partition, ignite.affinity(entry.cache(n)).partition(entry.key(n)),
                    "a journal entry lies in the partition of " + entry.cache(n) + ":" + entry.key(n));
            }
        });
        // Once flushed, an entry is gone from its primary and from its backup.
        IgniteCache<JournalKey, JournalEntry> entries = ignite.cache(WriteJournalCache.NAME);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (entries.sizeLong(CachePeekMode.PRIMARY, CachePeekMode.BACKUP) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, entries.sizeLong(CachePeekMode.PRIMARY, CachePeekMode.BACKUP), "journal copies left after flushing");
    }

    private static boolean names(Map<JournalEntry, Integer> seen, String cache) {
        return seen.keySet().stream().anyMatch(e -> {
            for (int n = 0; n < e.size(); n++) {
                if (e.cache(n).equals(cache)) {
                    return true;
                }
            }
            return false;
        });
    }
}
