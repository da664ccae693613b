package gridshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.ops.TopologyResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/ops/topology} from the live grid, in separate node JVMs: on two nodes the partition and entry
 * counts add up to the whole; a third node is listed within seconds of joining; a node killed with kill -9 leaves
 * the list and its failure is among the events. Writes on two nodes show in both nodes' message counters; a node
 * creates its sessions where it is primary.
 */
@Timeout(300)
class TopologyIT {
    private static final int PARTITIONS = 128;

    @Test
    void topologyAddsUpFollowsAJoinAndAKill() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("topology");
             NodeProcess a = NodeProcess.start(pg.url(), Map.of());
             NodeProcess b = NodeProcess.start(pg.url(), Map.of())) {
            ShopClient http = a.http();
            for (int i = 0; i < 40; i++) {
                assertEquals(201, http.post("/api/sessions", null).status());
            }
            TopologyResponse two = await(http, t -> t.nodes().size() == 2 && t.rebalancing().remainingPartitions() == 0);
            // Every write on two nodes reaches the other one (its backup, or its primary): the message counters
            // of both nodes grow by at least a request and its answer per write.
            double sentBefore = messagesSent(a) + messagesSent(b);
            for (int i = 0; i < 40; i++) {
                assertEquals(201, http.post("/api/sessions", null).status());
            }
            double sent = messagesSent(a) + messagesSent(b) - sentBefore;
            assertTrue(sent >= 80, "messages between the nodes for 40 writes: " + sent);
            // A node creates its sessions in partitions it is primary for (SessionIds): 40 sessions made on one node
            // are 40 more primary sessions on that node and none on the other (by chance: one time in 2^40).
            long sessions = 80;
            for (NodeProcess creator : List.of(a, b)) {
                int port = creator.http().uri("").getPort();
                long total = sessions;
                Map<Integer, Long> before = sessionPrimaries(await(http, t -> totalSessions(t) == total));
                for (int i = 0; i < 40; i++) {
                    assertEquals(201, creator.http().post("/api/sessions", null).status());
                }
                Map<Integer, Long> after = sessionPrimaries(await(http, t -> totalSessions(t) == total + 40));
                for (Map.Entry<Integer, Long> e : after.entrySet()) {
                    assertEquals(e.getKey() == port ? 40 : 0, e.getValue() - before.get(e.getKey()),
                        "primary sessions on the node at :" + e.getKey() + " after 40 were created on :" + port);
                }
                sessions += 40;
            }
            int primaries = two.nodes().stream().mapToInt(TopologyResponse.Node::primaryPartitions).sum();
            int backups = two.nodes().stream().mapToInt(TopologyResponse.Node::backupPartitions).sum();
            assertEquals(PARTITIONS, primaries, "every partition has one primary");
            assertEquals(PARTITIONS, backups, "and, on two nodes, one backup");
            assertEquals(0, two.partitionsWithoutBackup());
            for (String cache : List.of("product", "inventory", "session")) {
                long size = two.caches().stream().filter(c -> c.name().equals(cache)).findFirst().orElseThrow().size();
                long primary = two.nodes().stream().mapToLong(n -> n.caches().get(cache).primary()).sum();
                long backup = two.nodes().stream().mapToLong(n -> n.caches().get(cache).backup()).sum();
                assertTrue(size > 0, cache + " has entries");
                assertEquals(size, primary, cache + ": primary entries per node add up to the cache size");
                assertEquals(size, backup, cache + ": and so do the backups");
            }
            assertEquals(200, two.nodes().stream().mapToLong(n -> n.caches().get("product").primary()).sum());
            assertEquals(1, two.nodes().stream().filter(TopologyResponse.Node::local).count());
            assertEquals(Set.of(a.http().uri("").getPort(), b.http().uri("").getPort()),
                new HashSet<>(two.nodes().stream().map(TopologyResponse.Node::httpPort).toList()), "each node's HTTP port");
            assertEquals(PARTITIONS, two.partitionMap().owners().size());
            assertTrue(two.partitionMap().owners().stream().allMatch(o -> o.length == 2), "primary and backup per partition");

            long t0 = System.nanoTime();
            // The third node logs JSON, with the HTTP access log on.
            try (NodeProcess c = NodeProcess.launch(pg.url(), Map.of("gridshop.log.format", "json", "gridshop.log.access", "true"))) {
                TopologyResponse three = await(http, t -> t.nodes().size() == 3);
                System.out.printf("third node listed %d ms after its JVM was launched%n", (System.nanoTime() - t0) / 1_000_000);
                String joined = three.nodes().stream().filter(n -> n.httpPort() == c.http().uri("").getPort())
                    .findFirst().orElseThrow().consistentId();
                assertTrue(three.events().stream().anyMatch(e -> e.type().equals("JOINED") && e.node().equals(joined)),
                    "its join is an event: " + three.events());
                c.awaitReady(Duration.ofSeconds(120));
                await(http, t -> t.rebalancing().remainingPartitions() == 0);

                c.http().get("/api/products/5");
                Thread.sleep(1_000); // the access log line is written as the connection's response completes
                assertJsonLog(c.log());

                c.kill9();
                TopologyResponse after = await(http, t -> t.nodes().size() == 2);
                assertTrue(after.nodes().stream().noneMatch(n -> n.consistentId().equals(joined)), "the killed node is gone");
                assertTrue(after.events().stream().anyMatch(e -> e.type().equals("FAILED") && e.node().equals(joined)),
                    "its failure is an event: " + after.events());
            }
            ShopClient.Reply noToken = http.get("/api/ops/topology");
            assertEquals(401, noToken.status());
        }
    }

    private static long totalSessions(TopologyResponse t) {
        return sessionPrimaries(t).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<Integer, Long> sessionPrimaries(TopologyResponse t) {
        Map<Integer, Long> byPort = new java.util.HashMap<>();
        t.nodes().forEach(n -> byPort.put(n.httpPort(), n.caches().get("session").primary()));
        return byPort;
    }

    private static double messagesSent(NodeProcess node) throws Exception {
        String metrics = node.http().get("/metrics", NodeProcess.OPS_TOKEN).body();
        return metrics.lines().filter(l -> l.startsWith("ignite_messages_sent_total")).mapToDouble(
            l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow(
            () -> new AssertionError("ignite_messages_sent_total is exported"));
    }

    /** Every line is one JSON object with level, logger and message; the access log names the request. */
    @SuppressWarnings("unchecked")
    private static void assertJsonLog(java.nio.file.Path log) throws java.io.IOException {
        var json = io.micronaut.json.JsonMapper.createDefault();
        List<String> lines = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
        assertTrue(lines.size() > 5, "JSON log lines: " + lines.size());
        boolean access = false;
        for (String line : lines) {
            Map<String, Object> entry = json.readValue(line, Map.class);
            assertTrue(entry.containsKey("level") && entry.containsKey("loggerName") && entry.containsKey("message"), line);
            access |= "HTTP_ACCESS_LOGGER".equals(entry.get("loggerName")) && ((String) entry.get("message")).contains("/api/products/5");
        }
        assertTrue(access, "the access log has the request");
    }

    static TopologyResponse await(ShopClient http, Predicate<TopologyResponse> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        TopologyResponse last = null;
        while (System.nanoTime() < deadline) {
            ShopClient.Reply r = http.get("/api/ops/topology", NodeProcess.OPS_TOKEN);
            assertEquals(200, r.status(), r.body());
            last = r.as(TopologyResponse.class);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("topology never got there; last: " + last);
    }
}
