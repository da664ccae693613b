package gridshop.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.order.OrderResponse;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopNode;
import gridshop.platform.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes with stock in escrow: each node's checkouts sell from its own lane's slice, nothing is ever oversold
 * (shoppers on every node at once want more than there is, and exactly the stock is sold, the last units called back
 * from the lanes), the sales are counted into the stock row and PostgreSQL, and a merchant's count takes every lane's
 * units back.
 */
class EscrowTest {
    private static GridFixture grid;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(3, TestDatabase.freshUrl(),
            Map.of("gridshop.stock.escrow", true, "gridshop.stock.settle-every", "100ms"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void shoppersOnEveryNodeSellExactlyTheStockMostlyFromTheirOwnLanes() throws Exception {
        long p = ShopFixture.inStock(50);
        ShopFixture.setStock(http(0), p, 60);
        awaitTrue(Duration.ofSeconds(30), () -> lanesHold(p) == 3, "every node's lane got a share of product " + p);
        double fromLaneBefore = fromLane();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> sold = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ShopClient http = http(i % 3);
            int n = i;
            sold.add(pool.submit(() -> buy(http, p, 2, "k" + n)));
        }
        int units = 0;
        for (Future<Integer> f : sold) {
            units += f.get();
        }
        pool.shutdown();
        assertEquals(60, units, "45 shoppers wanted 90 units of 60: exactly 60 sold, none twice");
        assertTrue(fromLane() - fromLaneBefore >= 10, "checkouts sold from their node's lane: " + (fromLane() - fromLaneBefore));

        try {
            awaitTrue(Duration.ofSeconds(30), () -> row(p).unitsSold() == 60 && row(p).available() == 0,
                "the lanes' sales counted into the stock row");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + describe(p), e);
        }
        Stock row = row(p);
        assertEquals(0, row.leased(), "no lane holds a unit of a sold-out product");
        for (int i = 0; i < 3; i++) {
            int node = i;
            awaitTrue(Duration.ofSeconds(10), () -> ShopFixture.stockOf(http(node), p) == 0, "node " + i + " shows stock 0");
        }
        awaitTrue(Duration.ofSeconds(30), () -> postgres(p).equals(List.of(0L, 60L, 0L)), "PostgreSQL: available 0, 60 sold");
    }

    /**
     * Carts of two products whose rows two different nodes hold, bought on every node until both sell out: checkouts
     * take from their lanes, the last units are recalled from every lane, settles run; every answer is a sale or a
     * 409, and exactly the stock of each is sold.
     */
    @Test
    void mixedCartsSellOutBothProductsExactlyOnEveryNode() throws Exception {
        long a = ShopFixture.inStock(200);
        long b = a + 1;
        while (primaryOf(b) == primaryOf(a)) {
            b++;
        }
        long second = b;
        ShopFixture.setStock(http(0), a, 40);
        ShopFixture.setStock(http(0), second, 40);
        awaitTrue(Duration.ofSeconds(30), () -> lanesHold(a) == 3 && lanesHold(second) == 3, "both products lent to every lane");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> sold = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ShopClient http = http(i % 3);
            int n = i;
            sold.add(pool.submit(() -> buy(http, 2, "mx" + n, a, second) / 2));
        }
        int carts = 0;
        for (Future<Integer> f : sold) {
            carts += f.get();
        }
        pool.shutdown();
        assertEquals(20, carts, "30 shoppers wanted 2 of each of two products with 40 units: 20 carts sold");
        awaitTrue(Duration.ofSeconds(30), () -> row(a).unitsSold() == 40 && row(second).unitsSold() == 40,
            "both products' sales counted into their rows");
    }

    private static int primaryOf(long product) {
        for (int i = 0; i < 3; i++) {
            Ignite node = grid.node(i).bean(Ignite.class);
            if (node.affinity(InventoryCache.NAME).isPrimary(node.cluster().localNode(), product)) {
                return i;
            }
        }
        throw new AssertionError("no primary for " + product);
    }

    @Test
    void eachNodesSessionsShareTheirBackupWithItsLaneAndTheLanesBackupsAreSpreadOverTheNodes() {
        java.util.Set<java.util.UUID> backups = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Ignite node = grid.node(i).bean(Ignite.class);
            Lanes lanes = new Lanes(node);
            assertTrue(lanes.home() >= 0, "node " + i + " has a lane");
            backups.add(lanes.homeBackup());
            for (int k = 0; k < 5; k++) {
                String sid = ShopFixture.gridId(ShopFixture.newSession(http(i)));
                List<org.apache.ignite.cluster.ClusterNode> owners = new ArrayList<>(
                    node.affinity(gridshop.grid.session.SessionCache.NAME).mapKeyToPrimaryAndBackups(sid));
                assertTrue(owners.get(0).isLocal(), "a session lives on the node that created it");
                assertEquals(lanes.homeBackup(), owners.get(1).id(),
                    "session " + sid + " is backed up where node " + i + "'s lane is: a checkout commits in one phase");
            }
        }
        assertEquals(3, backups.size(), "the three lanes are backed up on three different nodes");
    }

    @Test
    void aMerchantsCountTakesBackEveryLanesUnitsAndKeepsTheSales() throws Exception {
        long p = ShopFixture.inStock(150);
        ShopFixture.setStock(http(0), p, 90);
        awaitTrue(Duration.ofSeconds(30), () -> lanesHold(p) == 3, "every node's lane got a share of product " + p);
        assertEquals(2, buy(http(1), p, 2, "m1"));
        assertEquals(1, buy(http(2), p, 1, "m2"));

        ShopFixture.setStock(http(0), p, 5); // too few to split: no lane gets a share of it again
        Stock row = row(p);
        assertEquals(5, row.available());
        assertEquals(3, row.unitsSold(), "the lanes' sales are counted in before the count replaces the level");
        assertEquals(0, row.leased());
        for (StockSlice s : slices(p)) {
            assertEquals(0, s.held(), "slice " + s.key() + " gave everything back");
        }
        for (int i = 0; i < 3; i++) {
            int node = i;
            awaitTrue(Duration.ofSeconds(10), () -> ShopFixture.stockOf(http(node), p) == 5, "node " + i + " shows stock 5");
        }
        awaitTrue(Duration.ofSeconds(30), () -> postgres(p).equals(List.of(5L, 3L, 0L)), "PostgreSQL: available 5, 3 sold");
    }

    /**
     * A checkout that sold from its node's lane and failed before it told escrow (a 503 after its commit, a thread's
     * error) leaves the sale in the slice alone: asked to look again, the node finds it in its lane and settles it, well
     * before the 10-minute timer would ({@link LaneLook}).
     */
    @Test
    void aSaleNoSettleWasToldOfIsFoundInTheLaneWhenTheNodeIsAskedToLookAgain() throws Exception {
        long p = ShopFixture.inStock(250);
        ShopFixture.setStock(http(0), p, 90);
        awaitTrue(Duration.ofSeconds(30), () -> lanesHold(p) == 3, "every node's lane got a share of product " + p);
        ShopNode node = grid.node(1);
        IgniteCache<SliceKey, StockSlice> slices = node.bean(Ignite.class).cache(StockSliceCache.NAME);
        SliceKey key = new SliceKey(p, new Lanes(node.bean(Ignite.class)).home());
        slices.put(key, slices.get(key).sold(2, new java.math.BigDecimal("20.00"), Escrow.now()));
        node.bean(Escrow.class).lookAgain();
        awaitTrue(Duration.ofSeconds(10), () -> row(p).unitsSold() == 2 && row(p).available() == 88,
            "the lane's sale counted into the row");
        try {
            awaitTrue(Duration.ofSeconds(30), () -> postgres(p).equals(List.of(88L, 2L, (long) row(p).leased())),
                "PostgreSQL: available 88, 2 sold");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; PostgreSQL " + postgres(p) + ", " + describe(p), e);
        }
    }

    /** A shopper on {@code http}'s node buying {@code units}; the units sold (0 when refused for stock). */
    private static int buy(ShopClient http, long p, int units, String key) {
        return buy(http, units, key, p);
    }

    /**
     * A cart of {@code units} of each product checked out: the units the order holds of the first, or 0 if it was
     * refused for stock (409); anything else fails.
     */
    private static int buy(ShopClient http, int units, String key, long... products) {
        String sid = ShopFixture.newSession(http);
        for (long p : products) {
            ShopClient.Reply put = http.put("/api/sessions/" + sid + "/cart/items/" + p, "{\"quantity\":" + units + "}");
            if (put.status() == 409) {
                return 0;
            }
            assertEquals(200, put.status(), put.body());
        }
        ShopClient.Reply r = ShopFixture.checkout(http, sid, key);
        if (r.status() == 409) {
            return 0;
        }
        assertEquals(201, r.status(), r.body());
        return r.as(OrderResponse.class).items().get(0).quantity();
    }

    private static ShopClient http(int i) {
        return grid.node(i).http();
    }

    private static Ignite ignite() {
        return grid.node(0).bean(Ignite.class);
    }

    private static Stock row(long p) {
        IgniteCache<Long, Stock> inventory = ignite().cache(InventoryCache.NAME);
        return inventory.get(p);
    }

    private static List<StockSlice> slices(long p) {
        IgniteCache<SliceKey, StockSlice> slices = ignite().cache(StockSliceCache.NAME);
        List<StockSlice> out = new ArrayList<>();
        for (int lane = 0; lane < StockSliceCache.LANES; lane++) {
            StockSlice s = slices.get(new SliceKey(p, lane));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** How many of the nodes' own lanes hold units of {@code p}. */
    private static int lanesHold(long p) {
        IgniteCache<SliceKey, StockSlice> slices = ignite().cache(StockSliceCache.NAME);
        int holding = 0;
        for (int i = 0; i < 3; i++) {
            int lane = new Lanes(grid.node(i).bean(Ignite.class)).home();
            StockSlice s = lane < 0 ? null : slices.get(new SliceKey(p, lane));
            holding += s != null && s.balance() > 0 ? 1 : 0;
        }
        return holding;
    }

    private static double fromLane() {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            ShopNode node = grid.node(i);
            sum += node.bean(MeterRegistry.class).counter("gridshop.stock.checkout.lines", "from", "lane").count();
        }
        return sum;
    }

    /** PostgreSQL's available, units_sold and leased of {@code p}. */
    private static List<Long> postgres(long p) {
        try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT available, units_sold, leased FROM inventory WHERE product_id = " + p)) {
            return rs.next() ? List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : List.of();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(long p) {
        Stock r = row(p);
        StringBuilder b = new StringBuilder("row available=" + r.available() + " sold=" + r.unitsSold() + " leased="
            + r.leased() + " lanes=" + Long.toBinaryString(r.lanes()));
        for (StockSlice s : slices(p)) {
            b.append("; slice ").append(s.key()).append(" balance=").append(s.balance()).append(" unsettled=")
                .append(s.unsettledUnits());
        }
        return b.toString();
    }

    private static void awaitTrue(Duration limit, BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
