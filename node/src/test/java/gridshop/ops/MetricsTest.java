package gridshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after some shop traffic parses as Prometheus text with the reference parser
 * (python3-prometheus-client) and holds the series ops chart; it and every ops endpoint answer 401 problem+json
 * without the ops token or with a wrong one.
 */
class MetricsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void metricsParseAndHoldTheShopsSeries() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopClient http = grid.node(0).http();
            for (int i = 0; i < 5; i++) {
                String sid = (String) http.post("/api/sessions", null).map().get("sessionId");
                assertEquals(200, http.put("/api/sessions/" + sid + "/cart/items/" + (i + 1), "{\"quantity\":1}").status());
                ShopClient.Reply placed = http.send(HttpRequest.newBuilder(http.uri("/api/sessions/" + sid + "/checkout"))
                    .header("Idempotency-Key", "k-" + i).POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(201, placed.status(), placed.body());
            }
            assertEquals(404, http.get("/api/sessions/no-such-session").status());
            String empty = (String) http.post("/api/sessions", null).map().get("sessionId");
            assertEquals(400, http.send(HttpRequest.newBuilder(http.uri("/api/sessions/" + empty + "/checkout"))
                .header("Idempotency-Key", "empty").POST(HttpRequest.BodyPublishers.noBody())).status());
            http.get("/api/products?q=steel");
            http.get("/api/products?q=steel&page=1");

            Map<String, Object> families = awaitFlushed(http);
            List<String> expected = List.of("http_server_requests_seconds", "jvm_memory_used_bytes", "jvm_threads_live_threads",
                "gridshop_cache_entries", "gridshop_cache_gets", "gridshop_writes_pending",
                "gridshop_writes_oldest_pending_seconds", "gridshop_writes_pending_cluster", "gridshop_flush_batches_seconds",
                "gridshop_flush_rows", "gridshop_flush_failures", "gridshop_dead_letters", "gridshop_outbox_events",
                "gridshop_relay_failures", "gridshop_checkouts", "gridshop_partitions_without_backup",
                "gridshop_partitions_lost", "gridshop_grid_minority", "ignite_tx_commits", "ignite_tx_rollbacks", "ignite_messages_sent",
                "ignite_pme_duration_seconds", "gridshop_rebalancing_partitions", "gridshop_catalog_searches", "gridshop_catalog_products");
            for (String name : expected) {
                assertTrue(families.containsKey(name), name + " is exported; families: " + families.keySet());
            }
            assertEquals("histogram", type(families, "http_server_requests_seconds"));
            assertTrue(samples(families, "http_server_requests_seconds").stream().anyMatch(s -> s.get(0).equals(
                    "http_server_requests_seconds_bucket")
                    && "/api/sessions/{sessionId}/cart/items/{productId}".equals(labels(s).get("uri"))
                    && "200".equals(labels(s).get("status"))),
                "latency buckets per route template and status");
            assertEquals(5.0, value(families, "gridshop_checkouts", Map.of("result", "placed", "status", "201")), "checkouts placed");
            assertEquals(1.0, value(families, "gridshop_checkouts", Map.of("result", "refused", "status", "400")),
                "a refused checkout is exported too, with its status");
            assertTrue(value(families, "ignite_tx_commits", Map.of()) >= 15, "sessions, cart puts and checkouts committed");
            assertTrue(value(families, "gridshop_cache_gets", Map.of("cache", "session", "result", "hit")) >= 10,
                "session reads that found their session");
            assertEquals(5.0, value(families, "gridshop_cache_entries", Map.of("cache", "orders", "copy", "primary")));
            assertEquals(0.0, value(families, "gridshop_dead_letters", Map.of()));
            assertEquals(1.0, value(families, "gridshop_catalog_searches", Map.of("result", "miss")), "the first search computes");
            assertEquals(1.0, value(families, "gridshop_catalog_searches", Map.of("result", "hit")), "its next page is remembered");

            Map<String, Object> now = families;
            for (int i = 0; i < 50 && !now.containsKey("jvm_gc_pause_seconds"); i++) {
                System.gc(); // the node runs in this JVM: its GC pause timer exists once a collection was reported
                Thread.sleep(100);
                now = parse(http.get("/metrics", "test-ops-token").body());
            }
            String dashboard = Files.readString(Path.of("../scripts/grafana/gridshop.json"));
            JsonMapper.createDefault().readValue(dashboard, Map.class); // valid JSON
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((?:gridshop|ignite|http|jvm|process)_[a-z_]+)")
                .matcher(dashboard);
            int charted = 0;
            while (m.find()) {
                String series = m.group(1).replaceAll("_(total|bucket|count|sum)$", "");
                assertTrue(now.containsKey(series), "the Grafana dashboard charts " + m.group(1) + ", which /metrics exports");
                charted++;
            }
            assertTrue(charted > 25, "the dashboard charts the series: " + charted);
        }
    }

    @Test
    void opsEndpointsWantTheOpsToken() {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopClient http = grid.node(0).http();
            for (String path : List.of("/metrics", "/api/ops/topology", "/api/ops/topology/table", "/api/ops/consistency")) {
                for (String token : new String[] {null, "wrong-token", "test-admin-token"}) {
                    ShopClient.Reply r = token == null ? http.get(path) : http.get(path, token);
                    assertEquals(401, r.status(), path + " with " + token + ": " + r.body());
                    assertTrue(r.contentType().startsWith("application/problem+json"), path + ": " + r.contentType());
                    assertTrue(r.body().contains("ops bearer token"), r.body());
                }
            }
            ShopClient.Reply confirm = http.post("/api/ops/topology/confirm", null);
            assertEquals(401, confirm.status());
            assertEquals(200, http.get("/metrics", "test-ops-token").status());
        }
    }

    private static Map<String, Object> awaitFlushed(ShopClient http) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Object> families;
        do {
            ShopClient.Reply r = http.get("/metrics", "test-ops-token");
            assertEquals(200, r.status(), r.body());
            assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"), r.contentType());
            families = parse(r.body());
            if (value(families, "gridshop_flush_rows", Map.of()) >= 15 && value(families, "gridshop_writes_pending_cluster", Map.of()) == 0) {
                return families;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("flushes never showed in the metrics: " + samples(families, "gridshop_flush_rows"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) throws IOException, InterruptedException {
        boolean parser = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client")
            .start().waitFor() == 0;
        if (!parser) {
            System.err.println("\n*** SKIPPED: /metrics needs the reference Prometheus parser to be checked: "
                + "apt-get install python3-prometheus-client (scripts/test installs it as root) ***\n");
        }
        assumeTrue(parser, "python3-prometheus-client is not installed");
        Path script = Path.of("src/test/resources/ops/parse_metrics.py");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the parser ends");
        assertEquals(0, p.exitValue(), "the reference parser takes the text");
        return JsonMapper.createDefault().readValue(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static String type(Map<String, Object> families, String name) {
        return (String) ((Map<String, Object>) families.get(name)).get("type");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> samples(Map<String, Object> families, String name) {
        Map<String, Object> f = (Map<String, Object>) families.get(name);
        return f == null ? List.of() : (List<List<Object>>) f.get("samples");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(List<Object> sample) {
        return (Map<String, String>) sample.get(1);
    }

    /** The sum of the family's plain samples (not _created) whose labels include the given ones. */
    private static double value(Map<String, Object> families, String name, Map<String, String> want) {
        return samples(families, name).stream()
            .filter(s -> !((String) s.get(0)).endsWith("_created"))
            .filter(s -> labels(s).entrySet().containsAll(want.entrySet()))
            .mapToDouble(s -> ((Number) s.get(2)).doubleValue()).sum();
    }
}
