package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.lifecycle.NodeReadiness;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node stopped (as by SIGTERM) while shoppers keep their connections busy answers every request it takes
 * either properly or with 503 and Retry-After, never with a 500 from a grid that is going away; readiness says
 * "stopping" as soon as the stop begins.
 */
@Timeout(180)
class StopUnderLoadTest {

    @Test
    void aStoppingNodeAnswersWhatItTakesOr503NeverA500() throws Exception {
        ShopNode node = ShopNode.start("stop-under-load", TestDatabase.freshUrl(), Map.of());
        ShopClient http = node.http().unchecked();
        long product = ShopFixture.inStock(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> bad = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                shoppers.submit(() -> {
                    String sid = null;
                    while (running.get()) {
                        try {
                            ShopClient.Reply r = sid == null ? http.post("/api/sessions", null)
                                : http.put("/api/sessions/" + sid + "/cart/items/" + product, "{\"quantity\":1}");
                            if (r.status() == 201) {
                                sid = r.map().get("sessionId").toString();
                            }
                            record(r, statuses, bad);
                            record(http.get("/api/products/" + product), statuses, bad);
                        } catch (java.io.UncheckedIOException e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                });
            }
            while (statuses.getOrDefault(200, new AtomicInteger()).get() < 2_000) {
                Thread.sleep(50);
            }
            NodeReadiness readiness = node.bean(NodeReadiness.class);
            Thread stopper = new Thread(node::stopLikeSigterm, "test-sigterm");
            stopper.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!readiness.stopping() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(readiness.stopping(), "readiness turned to stopping");
            assertEquals("stopping", readiness.state());
            stopper.join(TimeUnit.SECONDS.toMillis(120));
            assertTrue(!stopper.isAlive(), "the node stopped");
        } finally {
            running.set(false);
            shoppers.shutdown();
            assertTrue(shoppers.awaitTermination(60, TimeUnit.SECONDS));
            node.close();
        }
        System.out.println("answers by status while stopping: " + new TreeMap<>(statuses));
        assertEquals(List.of(), bad, "no 5xx but 503 with Retry-After");
    }

    /** Counts the answer by status; a 5xx that is not a 503 with Retry-After is bad. */
    private static void record(ShopClient.Reply r, Map<Integer, AtomicInteger> statuses, List<String> bad) {
        statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
        if (r.status() >= 500 && !(r.status() == 503 && r.headers().firstValue("Retry-After").isPresent())) {
            bad.add(r.status() + " " + r.body());
        }
    }
}
