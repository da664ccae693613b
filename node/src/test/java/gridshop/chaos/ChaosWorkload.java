package gridshop.chaos;

import gridshop.api.cart.CartResponse;
import gridshop.api.order.OrderResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture.CartRow;
import java.io.UncheckedIOException;
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

    private final Supplier<List<ShopClient>> nodes;
    private final History history;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** The stock each product shoppers buy was given before the load: stock + sold must equal it at the end. */
    final Map<Long, Integer> initialStock = new TreeMap<>();
    private ExecutorService threads;

    private ChaosWorkload(Supplier<List<ShopClient>> nodes, History history) {
        this.nodes = nodes;
        this.history = history;
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
                String sid = ack(n -> n.post("/api/sessions", null), 201).map().get("sessionId").toString();
                CartResponse cart = null;
                for (int i = 0, lines = 1 + random.nextInt(3); i < lines; i++) {
                    List<Long> from = random.nextInt(4) == 0 ? SCARCE : PLENTY;
                    long p = from.get(random.nextInt(from.size()));
                    String body = "{\"quantity\":" + (1 + random.nextInt(3)) + "}";
                    cart = ack(n -> n.put("/api/sessions/" + sid + "/cart/items/" + p, body), 200).as(CartResponse.class);
                }
                if (random.nextInt(3) == 0) {
                    history.carts.put(sid, CartRow.of(cart));
                    continue;
                }
                String key = "chaos-" + sid;
                OrderResponse o = ack(n -> n.send(HttpRequest.newBuilder(n.uri("/api/sessions/" + sid + "/checkout"))
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.noBody())), 201, 200).as(OrderResponse.class);
                history.orders.put(o.orderId(), new History.Order(o.orderId(), sid, o.items().stream().mapToInt(l -> l.quantity()).sum()));
            } catch (GaveUp e) {
                // not acknowledged: nothing is promised for this shopper
            } catch (RuntimeException | AssertionError e) {
                history.badAnswers.add("shopper failed: " + e);
            }
        }
        return null;
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
            } catch (GaveUp e) {
                // recorded as unknown
            } catch (RuntimeException | AssertionError e) {
                history.badAnswers.add("merchant failed: " + e);
            }
            sleep(50);
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
            ack(request, 200);
            register.acknowledged(value);
        } catch (GaveUp e) {
            register.unknown(value);
            throw e;
        }
    }

    /** Not acknowledged: a final refusal, or no answer in time. */
    private static final class GaveUp extends RuntimeException {
        GaveUp() {
            super(null, null, false, false);
        }
    }

    /**
     * Sends until a node acknowledges with one of {@code ok}; 503 and lost connections are retried (the same
     * request), any other answer is final. A 5xx other than 503 with Retry-After is recorded as a bad answer.
     */
    private ShopClient.Reply ack(Function<ShopClient, ShopClient.Reply> request, int... ok) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            List<ShopClient> live = nodes.get();
            if (live.isEmpty()) {
                sleep(200);
                continue;
            }
            ShopClient http = live.get(attempt++ % live.size());
            try {
                ShopClient.Reply r = request.apply(http);
                history.answered(r.status());
                for (int s : ok) {
                    if (r.status() == s) {
                        return r;
                    }
                }
                if (r.status() >= 500 && !(r.status() == 503 && r.headers().firstValue("Retry-After").isPresent())) {
                    history.badAnswers.add(r.status() + " " + r.body());
                }
                if (r.status() != 503) {
                    throw new GaveUp();
                }
            } catch (UncheckedIOException e) {
                history.answered(-1);
            }
            sleep(100);
        }
        throw new GaveUp();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GaveUp();
        }
    }
}
