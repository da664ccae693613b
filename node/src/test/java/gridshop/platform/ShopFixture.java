package gridshop.platform;

import gridshop.platform.ShopClient.Reply;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.session.SessionCreatedResponse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Shopper actions over HTTP and what PostgreSQL holds, for the durability tests. */
public final class ShopFixture {
    private ShopFixture() {
    }

    /** What a cart looks like, in the API and in PostgreSQL. */
    public record CartRow(int itemCount, BigDecimal subtotal) {
        public static CartRow of(CartResponse c) {
            return new CartRow(c.itemCount(), c.subtotal().setScale(2));
        }
    }

    /** The first demo product from {@code from} on with stock for any cart quantity (1 in 20 is sold out). */
    public static long inStock(long from) {
        return java.util.stream.LongStream.iterate(from, id -> id + 1)
            .filter(id -> gridshop.persistence.catalog.DemoCatalog.stock(id) >= 99).findFirst().orElseThrow();
    }

    /**
     * The grid's (and PostgreSQL's, and SQL's) id of a session or order id the API gave: its part before the signature
     * (see {@code ShopperIds}).
     */
    public static String gridId(String apiId) {
        int dot = apiId.lastIndexOf('.');
        if (dot <= 0) {
            throw new AssertionError("not a signed id: " + apiId);
        }
        return apiId.substring(0, dot);
    }

    /** Signs ids as the nodes of the tests do: they run without a cluster secret (see {@code ShopperIds}). */
    public static final gridshop.platform.ShopperIds IDS = new gridshop.platform.ShopperIds("");

    /** The id the API gives for a session the grid and PostgreSQL hold as {@code gridId} (nodes without a secret). */
    public static String apiSessionId(String gridId) {
        return IDS.session(gridId);
    }

    /** The id the API gives for an order the grid and PostgreSQL hold as {@code gridId} (nodes without a secret). */
    public static String apiOrderId(String gridId) {
        return IDS.order(gridId);
    }

    public static String newSession(ShopClient http) {
        ShopClient.Reply r = http.post("/api/sessions", null);
        if (r.status() != 201) {
            throw new AssertionError("session not created: " + r.status() + " " + r.body());
        }
        return r.as(SessionCreatedResponse.class).sessionId();
    }

    /** Sets a product's available stock through the merchant API. */
    public static void setStock(ShopClient http, long productId, int units) {
        Reply r = AdminClient.of(http).put("/api/admin/products/" + productId + "/stock", "{\"available\":" + units + "}");
        if (r.status() != 200) {
            throw new AssertionError("stock not set: " + r.status() + " " + r.body());
        }
    }

    public static int stockOf(ShopClient http, long productId) {
        return http.get("/api/products/" + productId).as(ProductResponse.class).stock();
    }

    /**
     * The stock a node serves once it is {@code expected}, or its last reading after 5 s. A sale is in the index of the
     * node it was made through at once; another node's index has it after the selling lane's next settle
     * ({@code gridshop.stock.settle-every}) and the catalog feed's batch, a fraction of a second.
     */
    public static int stockEventually(ShopClient http, long productId, int expected) {
        return stockEventually(http, productId, expected, Duration.ofSeconds(5));
    }

    /** As {@link #stockEventually(ShopClient, long, int)}, waiting up to {@code limit}. */
    public static int stockEventually(ShopClient http, long productId, int expected, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int stock = stockOf(http, productId);
        while (stock != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stock;
            }
            stock = stockOf(http, productId);
        }
        return stock;
    }

    public static CartResponse setQuantity(ShopClient http, String sid, long productId, int quantity) {
        ShopClient.Reply r = http.put("/api/sessions/" + sid + "/cart/items/" + productId, "{\"quantity\":" + quantity + "}");
        if (r.status() != 200) {
            throw new AssertionError("cart not updated: " + r.status() + " " + r.body());
        }
        return r.as(CartResponse.class);
    }

    /** PostgreSQL's carts, by the session id the API gives for each (signed as by nodes without a cluster secret). */
    public static Map<String, CartRow> cartsInPostgres(String dbUrl) throws SQLException {
        Map<String, CartRow> rows = new HashMap<>();
        try (Connection c = TestDatabase.connect(dbUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT session_id, item_count, subtotal FROM cart")) {
            while (rs.next()) {
                rows.put(apiSessionId(rs.getString(1)), new CartRow(rs.getInt(2), rs.getBigDecimal(3).setScale(2)));
            }
        }
        return rows;
    }

    public static long count(String dbUrl, String table) throws SQLException {
        try (Connection c = TestDatabase.connect(dbUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls PostgreSQL until it holds what the test expects; returns the last reading either way. */
    public static Map<String, CartRow> awaitCarts(String dbUrl, Duration limit, Predicate<Map<String, CartRow>> done)
        throws SQLException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, CartRow> rows = cartsInPostgres(dbUrl);
        while (!done.test(rows) && System.nanoTime() < deadline) {
            ShopNode.sleep(100);
            rows = cartsInPostgres(dbUrl);
        }
        return rows;
    }

    /** POST /checkout with the Idempotency-Key (none when null). */
    /**
     * The answer of {@code write}, sent again while it is refused for the hold after a server node failed (for the
     * failure-detection time, every node refuses writes: a side cut off from several nodes sees them fail one at a
     * time): what a client honouring Retry-After gets. Gives up after 30 s.
     */
    public static Reply afterTheHold(java.util.function.Supplier<Reply> write) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        Reply r = write.get();
        while (r.status() == 503 && (r.body().contains("a server node failed") || r.body().contains("moments ago"))
            && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = write.get();
        }
        return r;
    }

    public static Reply checkout(ShopClient http, String sid, String key) {
        HttpRequest.Builder r = HttpRequest.newBuilder(http.uri("/api/sessions/" + sid + "/checkout"))
            .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return http.send(r);
    }

    /** Runs n requests from 8 threads, released together; the replies in request order. */
    public static List<Reply> atOnce(int n, java.util.function.IntFunction<Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                return request.apply(index);
            }));
        }
        go.countDown();
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> f : futures) {
            replies.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return replies;
    }
}
