package gridshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.order.OrderResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.KafkaBroker;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import gridshop.api.deadletter.DeadLetterResponse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Domain events through a real Kafka broker (KRaft, its own JVM, loopback), including a broker outage. */
class KafkaEventsIT {
    private static final List<String> TOPICS = List.of("gridshop.orders", "gridshop.inventory", "gridshop.prices",
        "gridshop.reports");
    private static KafkaBroker broker;
    private static GridFixture grid;
    private static ShopClient http;
    private static final JsonMapper JSON = JsonMapper.createDefault();

    /** One record as a consumer saw it. */
    record Event(String topic, String key, String eventId, Map<String, Object> body) {
    }

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        grid = GridFixture.nodes(2, TestDatabase.freshUrl(), Map.of("gridshop.kafka.bootstrap-servers", broker.bootstrap()));
        http = grid.node(0).http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (grid != null) {
            grid.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void orderStockAndPriceEventsArriveWithTheirPayloads() throws Exception {
        long p = ShopFixture.inStock(20);
        AdminClient admin = AdminClient.of(http);
        assertEquals(200, admin.put("/api/admin/products/" + p + "/stock", "{\"available\":30}").status());
        assertEquals(200, admin.patch("/api/admin/products/" + p + "/price", "{\"price\":42.50}").status());
        String upserted = gridshop.platform.AdminClient.product(p, "Renamed " + p, "43.75")
            .replace("\"category\":\"Testing\"", "\"category\":\"" + http.get("/api/products/" + p).map().get("category") + "\"");
        assertEquals(200, admin.put("/api/admin/products/" + p, upserted).status(), "a full product write that changes the price");
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, p, 2);
        OrderResponse order = checkout(sid, "first").as(OrderResponse.class);

        String product = String.valueOf(p);
        List<Event> events = consumeUntil(Duration.ofSeconds(60), seen -> seen.stream().anyMatch(e -> ShopFixture.gridId(order.orderId()).equals(e.key()))
            && seen.stream().filter(e -> e.topic().equals("gridshop.inventory") && e.key().equals(product)).count() >= 2
            && seen.stream().filter(e -> e.topic().equals("gridshop.prices") && e.key().equals(product)).count() >= 2);
        Event placed = events.stream().filter(e -> ShopFixture.gridId(order.orderId()).equals(e.key())).findFirst().orElseThrow();
        assertEquals("gridshop.orders", placed.topic());
        assertEquals("OrderPlaced", placed.body().get("type"));
        assertEquals(placed.eventId(), placed.body().get("eventId"), "header eventId = payload eventId");
        assertEquals(ShopFixture.gridId(sid), placed.body().get("sessionId"), "events carry the unsigned (pseudonymous) ids");
        assertEquals(0, order.total().compareTo(new java.math.BigDecimal(placed.body().get("total").toString())));
        assertEquals(1, ((List<?>) placed.body().get("items")).size());

        List<Event> stock = distinct(events).stream().filter(e -> e.topic().equals("gridshop.inventory") && e.key().equals(String.valueOf(p))).toList();
        assertEquals(List.of(30, 28), stock.stream().map(e -> ((Number) e.body().get("available")).intValue()).toList());
        assertEquals(-2, ((Number) stock.get(1).body().get("change")).intValue());
        Event price = events.stream().filter(e -> e.topic().equals("gridshop.prices") && e.key().equals(String.valueOf(p))).findFirst().orElseThrow();
        assertEquals("PriceChanged", price.body().get("type"));
        assertEquals(0, new java.math.BigDecimal("42.50").compareTo(new java.math.BigDecimal(price.body().get("newPrice").toString())));
        List<Object> newPrices = distinct(events).stream().filter(e -> e.topic().equals("gridshop.prices") && e.key().equals(product))
            .map(e -> (Object) new java.math.BigDecimal(e.body().get("newPrice").toString()).setScale(2)).toList();
        assertEquals(List.of(new java.math.BigDecimal("42.50"), new java.math.BigDecimal("43.75")), newPrices,
            "PATCH price and PUT product both emit PriceChanged, in order");
    }

    @Test
    void aFinishedReportSendsReportCompleted() throws Exception {
        ShopClient.Reply created = AdminClient.of(http).send("/api/reports", "POST", "{\"type\":\"revenue-by-category\"}");
        assertEquals(202, created.status(), created.body());
        String id = created.headers().firstValue("Location").orElseThrow().substring("/api/reports/".length());
        List<Event> events = consumeUntil(Duration.ofSeconds(60),
            seen -> seen.stream().anyMatch(e -> e.topic().equals("gridshop.reports") && e.key().equals(id)));
        Event done = events.stream().filter(e -> e.topic().equals("gridshop.reports") && e.key().equals(id)).findFirst()
            .orElseThrow();
        assertEquals(id, done.body().get("reportId"));
        assertEquals("revenue-by-category", done.body().get("type"));
        assertEquals("DONE", done.body().get("status"));
        assertEquals("DONE", grid.node(1).http().get("/api/reports/" + id, AdminClient.TOKEN).map().get("status"));
    }

    @Test
    void eventsWaitInTheOutboxWhileKafkaIsDownAndAllArriveAfter() throws Exception {
        long p = ShopFixture.inStock(60);
        long q = ShopFixture.inStock(p + 1);
        AdminClient admin = AdminClient.of(http);
        admin.put("/api/admin/products/" + p + "/stock", "{\"available\":500}");
        admin.put("/api/admin/products/" + q + "/stock", "{\"available\":500}");
        Thread.sleep(1_000);
        broker.stop();
        Set<String> orders = new HashSet<>();
        Map<Long, Integer> sold = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            ShopClient node = grid.node(i % 2).http();
            String sid = ShopFixture.newSession(node);
            ShopFixture.setQuantity(node, sid, i % 2 == 0 ? p : q, 1 + i % 3);
            sold.merge(i % 2 == 0 ? p : q, 1 + i % 3, Integer::sum);
            orders.add(ShopFixture.gridId(checkout(sid, "outage").as(OrderResponse.class).orderId()));
            admin.patch("/api/admin/products/" + q + "/price", "{\"price\":" + (10 + i) + ".00}");
        }
        // More than a relay batch (500) of one product's events waits on its node: order must hold all the same.
        for (int i = 0; i < 600; i++) {
            admin.patch("/api/admin/products/" + q + "/price", "{\"price\":" + (100 + i) + ".00}");
        }
        // 20 OrderPlaced, 620 PriceChanged, the merchant's 2 StockChanged, and at least one StockChanged per product
        // sold: one per checkout that locked the stock row, one per settle of a lane's sales (stock in escrow).
        long waiting = grid.node(0).bean(EventOutbox.class).size();
        assertTrue(waiting >= 644, "events wait in the outbox while Kafka is down: " + waiting);
        broker.restart();

        List<Event> events = consumeUntil(Duration.ofSeconds(120),
            seen -> seen.stream().map(Event::key).collect(java.util.stream.Collectors.toSet()).containsAll(orders)
                && unitsTaken(seen, p) == sold.get(p) && unitsTaken(seen, q) == sold.get(q) && priceVersions(seen, q).size() >= 620);
        for (long product : List.of(p, q)) {
            assertEquals(sold.get(product).intValue(), unitsTaken(events, product),
                "every unit sold of " + product + " is in exactly one StockChanged's change");
        }
        Set<String> seenOrders = new HashSet<>();
        events.forEach(e -> seenOrders.add(e.key()));
        assertTrue(seenOrders.containsAll(orders), "every order placed during the outage has its event");
        for (long product : List.of(p, q)) {
            List<Long> versions = stockVersions(events, product);
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i) > versions.get(i - 1), "stock events of " + product + " in order: " + versions);
            }
        }
        List<Long> prices = priceVersions(events, q);
        assertTrue(prices.size() >= 620, "price events: " + prices.size());
        for (int i = 1; i < prices.size(); i++) {
            assertTrue(prices.get(i) > prices.get(i - 1), "price events in order: " + prices);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (grid.node(0).bean(EventOutbox.class).size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, grid.node(0).bean(EventOutbox.class).size(), "the outbox drains once Kafka is back");
    }

    @Test
    void anEventKafkaRefusesForGoodIsParkedAndHoldsNothingBack() throws Exception {
        AdminClient admin = AdminClient.of(http);
        long p = ShopFixture.inStock(120);
        topicLimit("gridshop.orders", "100"); // an OrderPlaced event is larger: Kafka refuses it for good
        try {
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, p, 1);
            String orderId = ShopFixture.gridId(checkout(sid, "too-large").as(OrderResponse.class).orderId());
            List<DeadLetterResponse> parked = awaitLetters(admin, 1);
            assertEquals("outbox", parked.get(0).cache());
            assertTrue(parked.get(0).error().contains("RecordTooLarge"), parked.get(0).error());

            assertEquals(200, admin.put("/api/admin/products/" + p + "/stock", "{\"available\":77}").status());
            consumeUntil(Duration.ofSeconds(60), seen -> seen.stream().anyMatch(e -> e.topic().equals("gridshop.inventory")
                && e.key().equals(String.valueOf(p)) && ((Number) e.body().get("available")).intValue() == 77));

            topicLimit("gridshop.orders", null);
            ShopClient.Reply retried = admin.send("/api/admin/dead-letters/" + parked.get(0).id() + "/retry", "POST", "");
            assertEquals(202, retried.status(), retried.body());
            assertEquals("REQUEUED", retried.map().get("outcome"));
            consumeUntil(Duration.ofSeconds(60), seen -> seen.stream().anyMatch(e -> orderId.equals(e.key())));
            assertEquals(List.of(), awaitLetters(admin, 0), "the letter is gone once the event is sent");
        } finally {
            topicLimit("gridshop.orders", null);
        }
    }

    /** Sets (or, with null, removes) a topic's max.message.bytes, creating the topic if need be. */
    private static void topicLimit(String topic, String bytes) throws Exception {
        Properties cfg = new Properties();
        cfg.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        try (Admin kafka = Admin.create(cfg)) {
            if (!kafka.listTopics().names().get().contains(topic)) {
                kafka.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            ConfigEntry entry = new ConfigEntry("max.message.bytes", bytes == null ? "" : bytes);
            AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
            kafka.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op))).all().get();
        }
        Thread.sleep(1_000);
    }

    private static List<DeadLetterResponse> awaitLetters(AdminClient admin, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<DeadLetterResponse> letters = List.of();
        while (System.nanoTime() < deadline) {
            letters = List.of(admin.send("/api/admin/dead-letters", "GET", "").as(DeadLetterResponse[].class));
            if (letters.size() == n) {
                return letters;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("dead letters: expected " + n + ", saw " + letters);
    }

    /** Stock versions of a product in the order a consumer first saw each event (duplicates dropped by id). */
    private static List<Long> priceVersions(List<Event> events, long productId) {
        return versions(events, "gridshop.prices", productId);
    }

    /** The units a product's StockChanged events took off its stock (their negative changes), duplicates dropped. */
    private static int unitsTaken(List<Event> events, long productId) {
        return -distinct(events).stream().filter(e -> e.topic().equals("gridshop.inventory") && e.key().equals(String.valueOf(productId)))
            .mapToInt(e -> ((Number) e.body().get("change")).intValue()).filter(c -> c < 0).sum();
    }

    private static List<Long> stockVersions(List<Event> events, long productId) {
        return versions(events, "gridshop.inventory", productId);
    }

    /** The versions in a product's events on one topic, in the order they arrived (duplicates dropped). */
    private static List<Long> versions(List<Event> events, String topic, long productId) {
        return distinct(events).stream().filter(e -> e.topic().equals(topic) && e.key().equals(String.valueOf(productId)))
            .map(e -> ((Number) e.body().get("version")).longValue()).toList();
    }

    /** Consumers de-duplicate by event id; a duplicate must carry the same event id (and so is dropped here). */
    private static List<Event> distinct(List<Event> events) {
        Map<String, Event> first = new LinkedHashMap<>();
        events.forEach(e -> first.putIfAbsent(e.eventId(), e));
        return new ArrayList<>(first.values());
    }

    private static ShopClient.Reply checkout(String sid, String key) {
        ShopClient.Reply r = http.send(HttpRequest.newBuilder(http.uri("/api/sessions/" + sid + "/checkout"))
            .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.status(), r.body());
        return r;
    }

    /** Reads every topic from the beginning with a fresh consumer group until the condition holds. */
    private static List<Event> consumeUntil(Duration limit, Predicate<List<Event>> done) throws Exception {
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaBroker.readerFromStart(broker.bootstrap())) {
            consumer.subscribe(TOPICS);
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, Object> body = JSON.readValue(r.value(), Argument.mapOf(String.class, Object.class));
                    String id = new String(r.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8);
                    events.add(new Event(r.topic(), r.key(), id, body));
                }
                if (done.test(events)) {
                    return events;
                }
            }
        }
        throw new AssertionError("events did not arrive in " + limit + "; saw " + events.size());
    }
}
