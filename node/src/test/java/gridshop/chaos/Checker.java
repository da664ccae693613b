package gridshop.chaos;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.order.OrderResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.ParallelReads;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What must hold once every fault is healed and the cluster has settled, checked against the {@link History} on
 * every node and in PostgreSQL: acknowledged orders whole everywhere, one order per Idempotency-Key, stock + sold =
 * the stock merchants set (never below zero), acknowledged carts, prices and stock levels as acknowledged, grid ≡
 * PostgreSQL by the product's own consistency check, every acknowledged order's OrderPlaced in Kafka (with events on),
 * and no 5xx but 503 with Retry-After. The only gap allowed is
 * one the product counted itself ({@code unflushedWritesLost}, after both copies of a partition were killed): then
 * acknowledged orders, events, carts, prices and stock books may miss what the lost writes carried (printed, with
 * the count), but grid and PostgreSQL must still agree everywhere and no stock may fall below zero.
 * Returns the violations, each in words with its values; none means the schedule passed.
 */
final class Checker {
    private final ChaosCluster cluster;
    private final History history;
    private final Map<Long, Integer> initialStock;
    private final List<String> violations = new ArrayList<>();
    private long countedLost;
    /** What the nodes said they lost (read once the cluster settled): a miss is excused only in those partitions. */
    private ChaosCluster.Losses losses = new ChaosCluster.Losses(java.util.Set.of(), false);
    private static final org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction AFFINITY =
        new org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction(false, NodeProcess.PARTITIONS);
    /** Grid ids of the orders PostgreSQL holds, read by {@link #orders()}. */
    private final java.util.Set<String> ordersInPostgres = new java.util.HashSet<>();

    private final List<String> badAnswers;

    Checker(ChaosCluster cluster, History history, Map<Long, Integer> initialStock, List<String> badAnswers) {
        this.cluster = cluster;
        this.history = history;
        this.initialStock = initialStock;
        this.badAnswers = badAnswers;
    }

    List<String> check() throws Exception {
        badAnswers.stream().limit(20).forEach(b -> violations.add("bad answer: " + b));
        if (!settled(Duration.ofSeconds(120))) {
            return violations;
        }
        losses = cluster.losses();
        if (countedLost > 0) {
            System.out.println("chaos: partitions the product said were lost with both copies: " + losses.partitions()
                + (losses.unplaced() ? "; and writes counted lost that no partition names (every miss is excused)" : ""));
        }
        List<String> notFound = history.sessionsNotFound.keySet().stream().filter(s -> !excused(s)).toList();
        if (!notFound.isEmpty()) {
            violations.add(notFound.size() + " acknowledged sessions were later answered 404 outside the partitions the "
                + "product said it lost (the first 5: " + notFound.stream().limit(5).toList() + ")");
        } else if (!history.sessionsNotFound.isEmpty()) {
            System.out.println("chaos: " + history.sessionsNotFound.size() + " acknowledged sessions answered 404, all in "
                + "partitions the product counted lost");
        }
        orders();
        events();
        stock();
        carts();
        registers("price", history.prices, this::priceOf, "SELECT price * 100 FROM product WHERE id = ?");
        registers("stock", history.stock, (n, p) -> (long) ShopFixture.stockOf(n, p),
            "SELECT available FROM inventory WHERE product_id = ?");
        consistency();
        return violations;
    }

    long countedLost() {
        return countedLost;
    }

    /** Every node ready and nothing left to flush, or a violation saying what was still going on. */
    private boolean settled(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean done = true;
            StringBuilder state = new StringBuilder();
            for (int slot : cluster.upSlots()) {
                ShopClient.Reply r = readiness(cluster.node(slot).http());
                Map<String, Object> m = r == null ? Map.of() : r.map();
                state.append("node ").append(slot).append(": ").append(r == null ? "no answer" : r.status() + " " + r.body()).append("; ");
                countedLost = Math.max(countedLost, number(m.get("unflushedWritesLost")));
                done &= r != null && r.status() == 200 && number(m.get("pendingWrites")) == 0
                    && number(m.get("lostPartitions")) == 0;
            }
            if (done) {
                return true;
            }
            last = state.toString();
            Thread.sleep(1_000);
        }
        violations.add("the cluster did not settle within " + limit + " after healing: " + last);
        return false;
    }

    /**
     * The product said it lost the partition of {@code apiId} (an order's, a session's or its cart's: each in its
     * session's partition), or writes no partition names: a miss there is the counted, unavoidable one. A miss anywhere
     * else is not excused by a count, which is of writes across the lost partitions only.
     */
    private boolean excused(String apiId) {
        return countedLost > 0 && (losses.unplaced() || losses.partitions().contains(AFFINITY.partition(ShopFixture.gridId(apiId))));
    }

    /** A violation, unless the product counted a loss (both copies of partitions killed): then printed with the count. */
    private void unlessCountedLoss(String what) {
        if (countedLost == 0) {
            violations.add(what);
        } else {
            System.out.println("chaos: " + what + " (the product counted " + countedLost + " unflushed writes lost)");
        }
    }

    private static ShopClient.Reply readiness(ShopClient http) {
        try {
            return http.get("/health/readiness");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private void orders() throws Exception {
        Map<String, int[]> inPostgres = new HashMap<>();
        try (Connection c = TestDatabase.connect(cluster.dbUrl()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT o.order_id, o.item_count, coalesce(sum(l.quantity), 0) FROM orders o "
                + "LEFT JOIN order_line l ON l.order_id = o.order_id GROUP BY o.order_id, o.item_count")) {
                while (rs.next()) {
                    inPostgres.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT session_id, count(*) FROM orders GROUP BY session_id HAVING count(*) > 1")) {
                while (rs.next()) {
                    violations.add("PostgreSQL holds " + rs.getInt(2) + " orders of session " + rs.getString(1)
                        + " (one Idempotency-Key per session)");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM order_line l WHERE NOT EXISTS "
                + "(SELECT 1 FROM orders o WHERE o.order_id = l.order_id)")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    violations.add("PostgreSQL holds " + rs.getLong(1) + " order lines without their order");
                }
            }
        }
        ordersInPostgres.addAll(inPostgres.keySet());
        List<String> missing = new ArrayList<>();
        java.util.Set<String> excusedOrders = new java.util.HashSet<>();
        List<Callable<String>> reads = new ArrayList<>();
        for (History.Order o : history.orders.values()) {
            int[] pg = inPostgres.get(ShopFixture.gridId(o.orderId()));
            if (excused(o.orderId())) {
                excusedOrders.add(o.orderId());
            }
            if (pg == null || pg[0] != o.units() || pg[1] != o.units()) {
                missing.add(o.orderId() + " (PostgreSQL: " + (pg == null ? "none" : pg[0] + " units, lines " + pg[1]) + ")");
            }
            for (int slot : cluster.upSlots()) {
                ShopClient node = cluster.node(slot).http();
                reads.add(() -> {
                    ShopClient.Reply r = read(node, "/api/orders/" + o.orderId());
                    boolean whole = r.status() == 200
                        && r.as(OrderResponse.class).items().stream().mapToInt(l -> l.quantity()).sum() == o.units();
                    return whole ? null : o.orderId() + " (node " + slot + ": " + r.status() + ")";
                });
            }
        }
        missing.addAll(ParallelReads.wrong(reads)); // every node's copy of every order
        // A loss the product counted (both copies of partitions killed at once) allows missing orders in the partitions
        // it said it lost: the count is of journal entries waiting at the last publication, up to a second before the
        // loss, so it is not matched one for one; both figures are printed. A miss elsewhere, or a loss nobody
        // counted, is a violation.
        List<String> unexcused = missing.stream().filter(m -> !excusedOrders.contains(m.substring(0, m.indexOf(' ')))).toList();
        if (!unexcused.isEmpty()) {
            violations.add(unexcused.size() + " acknowledged orders not whole everywhere, "
                + (countedLost == 0 ? "and the product counted no loss: " : "outside the partitions the product said it lost "
                + "(it counted " + countedLost + " unflushed writes lost): ") + unexcused.subList(0, Math.min(10, unexcused.size())));
        }
        if (missing.size() > unexcused.size()) {
            System.out.println("chaos: " + (missing.size() - unexcused.size()) + " acknowledged orders missing in the "
                + "partitions the product said it lost, where it counted " + countedLost + " unflushed writes lost: "
                + missing.subList(0, Math.min(10, missing.size())));
        }
    }

    /**
     * With events on: every acknowledged order's {@code OrderPlaced} is in Kafka, under one event id (the relay may
     * deliver an event twice, never two events for one order), and Kafka has no {@code OrderPlaced} of an order
     * PostgreSQL does not hold. The outbox drains after the heal: read for up to 90 s. A loss the product counted
     * allows missing events, as it allows missing orders.
     */
    private void events() {
        String bootstrap = cluster.kafkaBootstrap();
        if (bootstrap == null) {
            return;
        }
        List<String> acknowledged = history.orders.values().stream().map(o -> ShopFixture.gridId(o.orderId())).toList();
        OrderEvents kafka = OrderEvents.read(bootstrap, acknowledged, Duration.ofSeconds(90));
        List<String> missing = acknowledged.stream().filter(id -> kafka.of(id).isEmpty()).toList();
        for (String id : acknowledged) {
            if (kafka.of(id).size() > 1) {
                violations.add("order " + id + ": " + kafka.of(id).size() + " OrderPlaced events with different ids "
                    + kafka.of(id));
            }
        }
        List<String> phantoms = kafka.orders().stream().filter(id -> !ordersInPostgres.contains(id)).sorted().toList();
        if (!phantoms.isEmpty()) {
            unlessCountedLoss(phantoms.size() + " OrderPlaced events in Kafka for orders PostgreSQL does not hold: "
                + phantoms.subList(0, Math.min(10, phantoms.size())));
        }
        if (!missing.isEmpty() && countedLost == 0) {
            violations.add(missing.size() + " of " + acknowledged.size() + " acknowledged orders have no OrderPlaced in "
                + "Kafka after 90 s, and the product counted no loss: " + missing.subList(0, Math.min(10, missing.size())));
        } else if (!missing.isEmpty()) {
            System.out.println("chaos: " + missing.size() + " acknowledged orders without an OrderPlaced where the product "
                + "counted " + countedLost + " unflushed writes lost: " + missing.subList(0, Math.min(10, missing.size())));
        }
        System.out.println("chaos: " + (acknowledged.size() - missing.size()) + " of " + acknowledged.size()
            + " acknowledged orders' OrderPlaced read from Kafka");
    }

    /**
     * A node's catalog index follows the grid through a feed, and reads the catalog again 2, 10 and 30 s after each
     * topology change for what the feed may have missed around it: the stock a node serves may lag PostgreSQL for that
     * long after the heal, and must then agree. A lag that needed the wait is printed.
     */
    private static final java.time.Duration INDEX_CONVERGENCE = java.time.Duration.ofSeconds(40);

    private int convergedStock(int slot, long product, long expected) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + INDEX_CONVERGENCE.toNanos();
        int grid = ShopFixture.stockOf(cluster.node(slot).http(), product);
        int first = grid;
        while (grid != expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            grid = ShopFixture.stockOf(cluster.node(slot).http(), product);
        }
        if (first != expected && grid == expected) {
            System.out.println("chaos: node " + slot + "'s index served product " + product + " at " + first + ", PostgreSQL "
                + expected + "; agreed after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        return grid;
    }

    /**
     * Stock in PostgreSQL: a product's row less what its lanes sold and have not counted into it yet (escrow: the units
     * a lane sold are in {@code stock_slice} until its node settles them, a moment later), plus what its order lines
     * sold, is the stock set; read again for up to 10 s while a settle's row and slice reach PostgreSQL in two flushes.
     */
    private Map<Long, long[]> stockInPostgres() throws Exception {
        Map<Long, long[]> out = new java.util.TreeMap<>();
        try (Connection c = TestDatabase.connect(cluster.dbUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i.product_id, i.available - (SELECT coalesce(sum(s.unsettled_units), 0) "
                 + "FROM stock_slice s WHERE s.product_id = i.product_id), (SELECT coalesce(sum(l.quantity), 0) FROM order_line l "
                 + "WHERE l.product_id = i.product_id) FROM inventory i WHERE i.product_id <= " + ChaosWorkload.SCARCE.get(ChaosWorkload.SCARCE.size() - 1))) {
            while (rs.next()) {
                out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    private boolean stockAddsUp(Map<Long, long[]> rows) {
        return rows.entrySet().stream().allMatch(e -> {
            Integer initial = initialStock.get(e.getKey());
            return initial == null || (e.getValue()[0] >= 0 && e.getValue()[0] + e.getValue()[1] == initial);
        });
    }

    private void stock() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        Map<Long, long[]> rows = stockInPostgres();
        while (!stockAddsUp(rows) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            rows = stockInPostgres();
        }
        for (Map.Entry<Long, long[]> e : rows.entrySet()) {
            long product = e.getKey();
            long available = e.getValue()[0];
            long sold = e.getValue()[1];
            Integer initial = initialStock.get(product);
            if (initial == null) {
                continue;
            }
            String books = "product " + product + ": PostgreSQL available " + available + " + sold " + sold + " != stock set "
                + initial;
            if (available < 0) {
                violations.add(books + " (available below zero)");
            } else if (available + sold != initial) {
                // Both copies of a partition gone at once: a stock row's decrement or an order's lines not yet in
                // PostgreSQL went with them (a lost decrement lets its units be sold again). The loss the product
                // counted excuses the books, as it excuses missing orders; grid and PostgreSQL must still agree.
                unlessCountedLoss(books);
            }
            for (int slot : cluster.upSlots()) {
                int grid = convergedStock(slot, product, available);
                if (grid != available) {
                    violations.add("product " + product + ": node " + slot + " says stock " + grid + ", PostgreSQL " + available
                        + " (still after " + INDEX_CONVERGENCE.toSeconds() + " s)");
                }
            }
        }
    }

    private void carts() throws Exception {
        Map<String, CartRow> inPostgres = ShopFixture.cartsInPostgres(cluster.dbUrl());
        ShopClient http = cluster.node(cluster.upSlots().get(0)).http();
        int wrong = 0;
        for (Map.Entry<String, CartRow> e : history.carts.entrySet()) {
            ShopClient.Reply r = read(http, "/api/sessions/" + e.getKey() + "/cart");
            CartRow grid = r.status() == 200 ? CartRow.of(r.as(CartResponse.class)) : null;
            if (!e.getValue().equals(grid) || !e.getValue().equals(inPostgres.get(e.getKey()))) {
                // The API answers an empty cart for a session without one: an empty cart and none are the same to a shopper.
                if (excused(e.getKey()) && java.util.Objects.equals(noneIfEmpty(grid), noneIfEmpty(inPostgres.get(e.getKey())))) {
                    // lost with both copies of its partition (counted), the same in grid and PostgreSQL: excused
                    System.out.println("chaos: cart " + e.getKey() + ": acknowledged " + e.getValue() + ", grid and PostgreSQL "
                        + grid + " (the product counted " + countedLost + " unflushed writes lost)");
                    continue;
                }
                if (wrong++ < 10) {
                    violations.add("cart " + e.getKey() + ": acknowledged " + e.getValue() + ", grid " + (grid == null ? r.status() : grid)
                        + ", PostgreSQL " + inPostgres.get(e.getKey()));
                }
            }
        }
    }

    private static CartRow noneIfEmpty(CartRow cart) {
        return cart == null || cart.itemCount() == 0 ? null : cart;
    }

    private interface Read {
        long of(ShopClient node, long product);
    }

    private void registers(String what, Map<Long, History.Register> registers, Read grid, String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(cluster.dbUrl()); var ps = c.prepareStatement(sql)) {
            for (Map.Entry<Long, History.Register> e : registers.entrySet()) {
                List<Long> possible = e.getValue().possible();
                ps.setLong(1, e.getKey());
                long pg;
                try (ResultSet rs = ps.executeQuery()) {
                    pg = rs.next() ? rs.getBigDecimal(1).longValue() : -1;
                }
                if (!possible.contains(pg)) {
                    unlessCountedLoss(what + " of product " + e.getKey() + " in PostgreSQL is " + pg + ", acknowledged or sent: "
                        + possible);
                }
                for (int slot : cluster.upSlots()) {
                    long g = grid.of(cluster.node(slot).http(), e.getKey());
                    if (g != pg) {
                        violations.add(what + " of product " + e.getKey() + ": node " + slot + " serves " + g + ", PostgreSQL holds " + pg);
                    }
                }
            }
        }
    }

    private long priceOf(ShopClient node, long product) {
        return History.cents(node.get("/api/products/" + product).as(ProductResponse.class).price());
    }

    /** The product's own check: every durable table equal in grid and PostgreSQL. */
    @SuppressWarnings("unchecked")
    private void consistency() throws InterruptedException {
        ShopClient http = cluster.node(cluster.upSlots().get(0)).http();
        ShopClient.Reply r = read(http, "/api/ops/consistency", NodeProcess.OPS_TOKEN);
        if (r.status() != 200) {
            violations.add("the consistency check answered " + r.status() + " " + r.body());
            return;
        }
        for (Map<String, Object> t : (List<Map<String, Object>>) r.map().get("tables")) {
            if (number(t.get("differences")) != 0 || number(t.get("gridRows")) != number(t.get("postgresRows"))) {
                violations.add("grid and PostgreSQL differ: " + t);
            }
        }
    }

    /** A read retried while the node answers 503 (with Retry-After), for up to 30 s. */
    private static ShopClient.Reply read(ShopClient http, String path) {
        return read(http, path, null);
    }

    private static ShopClient.Reply read(ShopClient http, String path, String token) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ShopClient.Reply r = token == null ? http.get(path) : http.get(path, token);
        while (r.status() == 503 && System.nanoTime() < until) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
            r = token == null ? http.get(path) : http.get(path, token);
        }
        return r;
    }
}
