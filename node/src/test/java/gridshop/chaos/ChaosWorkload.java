package gridshop.chaos;

import gridshop.api.cart.CartResponse;
import gridshop.api.order.OrderResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.RetryingClient;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Shoppers and merchants using the shop through its API the whole time faults happen: shoppers open a session, fill
 * a cart (some of it from products with only a few units left, so sell-outs happen) and two times in three check out
 * with an Idempotency-Key; a merchant changes prices and sets stock levels of products shoppers do not buy. Every
 * request is sent to a live node and retried on 503 and lost connections, as a client would (a checkout keeps its
 * key); everything answered is recorded in the {@link History}.
 */
final class ChaosWorkload {
    static final List<Long> PLENTY = LongStream.rangeClosed(1, 12).boxed().toList();
    static final List<Long> SCARCE = LongStream.rangeClosed(13, 16).boxed().toList();
    static final List<Long> PRICED = LongStream.rangeClosed(101, 110).boxed().toList();
    static final List<Long> STOCKED = LongStream.rangeClosed(111, 115).boxed().toList();
    static final int PLENTY_STOCK = 100_000;
    static final int SCARCE_STOCK = 20;
    private static final Duration GIVE_UP = Duration.ofSeconds(45);

    private final RetryingClient client;
    private final History history;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** The stock each product shoppers buy was given before the load: stock + sold must equal it at the end. */
    final Map<Long, Integer> initialStock = new TreeMap<>();
    private ExecutorService threads;

    private ChaosWorkload(Supplier<List<ShopClient>> nodes, History history) {
        this.history = history;
        // Clients go on retrying what they started after the workload is stopped: an outcome left open is unknown.
        this.client = new RetryingClient(nodes, GIVE_UP, () -> true);
    }

    static ChaosWorkload start(Supplier<List<ShopClient>> nodes, History history, int shoppers, long seed) {
        ChaosWorkload w = new ChaosWorkload(nodes, history);
        PLENTY.forEach(p -> w.initialStock.put(p, PLENTY_STOCK));
        SCARCE.forEach(p -> w.initialStock.put(p, SCARCE_STOCK));
        // Checked as stock + sold = initial, not as a register: checkouts move it.
        w.initialStock.forEach((p, units) -> w.setStock(p, units, new History.Register()));
        Random r = new Random(seed);
        PRICED.forEach(p -> w.setPrice(p, 100 + r.nextInt(99_900)));
        STOCKED.forEach(p -> w.setStock(p, r.nextInt(500), history.stock.computeIfAbsent(p, x -> new History.Register())));
        w.threads = Executors.newFixedThreadPool(shoppers + 1);
        for (int t = 0; t < shoppers; t++) {
            long s = seed * 31 + t;
            w.threads.submit(() -> w.shop(new Random(s)));
        }
        w.threads.submit(() -> w.merchant(new Random(seed * 17)));
        return w;
    }

    /** What the servers answered, by status (-1: no answer), and every 5xx that was not a 503 with Retry-After. */
    RetryingClient client() {
        return client;
    }

    /** Stops every client; each finishes or gives up what it is doing. */
    void stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the workload's clients did not stop");
        }
    }

    private Void shop(Random random) {
        while (running.get()) {
            try {
                String sid = client.ack(n -> n.post("/api/sessions", null), 201).map().get("sessionId").toString();
                CartResponse cart = null;
                for (int i = 0, lines = 1 + random.nextInt(3); i < lines; i++) {
                    List<Long> from = random.nextInt(4) == 0 ? SCARCE : PLENTY;
                    long p = from.get(random.nextInt(from.size()));
                    String body = "{\"quantity\":" + (1 + random.nextInt(3)) + "}";
                    ShopClient.Reply put = client.ack(n -> n.put("/api/sessions/" + sid + "/cart/items/" + p, body), 200, 404);
                    if (put.status() == 404) {
                        throw new SessionNotFound(sid, put.body());
                    }
                    cart = put.as(CartResponse.class);
                }
                if (random.nextInt(3) == 0) {
                    history.carts.put(sid, CartRow.of(cart));
                    continue;
                }
                String key = "chaos-" + ShopFixture.gridId(sid);
                ShopClient.Reply placed = client.ack(n -> n.send(HttpRequest.newBuilder(n.uri("/api/sessions/" + sid + "/checkout"))
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.noBody())), 201, 200, 404);
                if (placed.status() == 404) {
                    throw new SessionNotFound(sid, placed.body());
                }
                OrderResponse o = placed.as(OrderResponse.class);
                history.orders.put(o.orderId(), new History.Order(o.orderId(), sid, o.items().stream().mapToInt(l -> l.quantity()).sum()));
            } catch (RetryingClient.GaveUp e) {
                // not acknowledged: nothing is promised for this shopper
            } catch (SessionNotFound e) {
                // the shop acknowledged the session (201), then said it does not exist: the shopper gives up on it
                history.sessionsNotFound.put(e.sessionId, e.answer);
            } catch (RuntimeException | AssertionError e) {
                client.bad("shopper failed: " + e);
            }
        }
        return null;
    }

    /** An acknowledged session answered 404 (by a cart put or a checkout). */
    private static final class SessionNotFound extends RuntimeException {
        final String sessionId;
        final String answer;

        SessionNotFound(String sessionId, String answer) {
            super(sessionId, null, false, false);
            this.sessionId = sessionId;
            this.answer = answer;
        }
    }

    private Void merchant(Random random) {
        while (running.get()) {
            try {
                if (random.nextBoolean()) {
                    setPrice(PRICED.get(random.nextInt(PRICED.size())), 100 + random.nextInt(99_900));
                } else {
                    long p = STOCKED.get(random.nextInt(STOCKED.size()));
                    setStock(p, random.nextInt(500), history.stock.get(p));
                }
            } catch (RetryingClient.GaveUp e) {
                // recorded as unknown
            } catch (RuntimeException | AssertionError e) {
                client.bad("merchant failed: " + e);
            }
            RetryingClient.sleep(50);
        }
        return null;
    }

    private void setPrice(long product, long cents) {
        History.Register register = history.prices.computeIfAbsent(product, p -> new History.Register());
        String body = "{\"price\":" + BigDecimal.valueOf(cents, 2) + "}";
        merchantWrite(register, cents, n -> AdminClient.of(n).patch("/api/admin/products/" + product + "/price", body));
    }

    private void setStock(long product, int units, History.Register register) {
        String body = "{\"available\":" + units + "}";
        merchantWrite(register, units, n -> AdminClient.of(n).put("/api/admin/products/" + product + "/stock", body));
    }

    private void merchantWrite(History.Register register, long value, Function<ShopClient, ShopClient.Reply> request) {
        try {
            client.ack(request, 200);
            register.acknowledged(value);
        } catch (RetryingClient.GaveUp e) {
            register.unknown(value);
            throw e;
        }
    }
}
