package gridshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.ops.TopologyResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopperLoad;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The newcomer's fault rehearsal, through the scripts themselves: {@code scripts/cluster start 3}, the topology
 * shows three nodes; {@code kill 2} (kill -9): it is listed as failed and the partition map heals (every partition
 * has two copies again on the two left); {@code restart 2}, {@code rolling} (every node restarted, the cluster
 * whole after each) under a small shopper load that loses nothing (every acknowledged order and cart in PostgreSQL
 * and the grid) and is never answered a 5xx but 503 with Retry-After, {@code scripts/topology}, {@code status},
 * and {@code stop} leaves no process behind.
 */
@Timeout(600)
class ClusterScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void clusterScriptStartsKillsRestartsAndRollsACluster() throws Exception {
        Path dir = Path.of("target", "it-cluster").toAbsolutePath();
        deleteTree(dir);
        // Fixed ports below the ephemeral range: three in a row must be free, and no outgoing connection takes them.
        int http = 19480;
        Map<String, String> env = new HashMap<>(Map.of(
            "GRIDSHOP_CLUSTER_DIR", dir.toString(),
            "GRIDSHOP_CLUSTER_HTTP_PORT", String.valueOf(http),
            "GRIDSHOP_CLUSTER_PG_PORT", "19490",
            "GRIDSHOP_NODE_HEAP", "512m",
            "GRIDSHOP_DEMO_PRODUCTS", "300",
            "GRIDSHOP_DISCOVERY_PORT", "49600",
            "GRIDSHOP_DISCOVERY_ADDRESSES", "127.0.0.1:49600..49609",
            "GRIDSHOP_GRID_COMMUNICATION_PORT", "49200",
            "GRIDSHOP_JDBC_PORT", "12900", "GRIDSHOP_ADMIN_TOKEN", AdminClient.TOKEN));
        env.putAll(Map.of("GRIDSHOP_GRID_DATA_REGION_MB", "256", "GRIDSHOP_GRID_THREADS", "2",
            "GRIDSHOP_GRID_FAILURE_DETECTION", "3s", "GRIDSHOP_NODE_JAVA_OPTS",
            (gridshop.platform.NodeProcess.QUICK_JIT + " " + gridshop.platform.NodeProcess.classArchiveOption()).trim()));
        List<Long> pids = new ArrayList<>();
        try {
            assertEquals(0, run(env, 300, "scripts/cluster", "start", "3").exit, "start 3");
            String token = Files.readString(dir.resolve("ops-token")).trim();
            ShopClient first = new ShopClient("http://127.0.0.1:" + http, JsonMapper.createDefault());
            TopologyResponse three = await(first, token, t -> t.nodes().size() == 3);
            assertEquals(0, three.partitionsWithoutBackup());

            String killed = three.nodes().stream().filter(n -> n.httpPort() == http + 1).findFirst().orElseThrow().consistentId();
            assertEquals(0, run(env, 60, "scripts/cluster", "kill", "2").exit);
            TopologyResponse healed = await(first, token, t -> t.nodes().size() == 2 && t.partitionsWithoutBackup() == 0
                && !t.rebalancing().inProgress());
            assertTrue(healed.events().stream().anyMatch(e -> e.type().equals("FAILED") && e.node().equals(killed)),
                "the killed node's failure is listed: " + healed.events());
            assertTrue(healed.partitionMap().owners().stream().allMatch(o -> o.length == 2), "the map healed: two copies each");

            assertEquals(0, run(env, 300, "scripts/cluster", "restart", "2").exit, "restart 2");
            await(first, token, t -> t.nodes().size() == 3);
            long rollingFrom = System.nanoTime();
            List<ShopClient> all = List.of(first, client(http + 1), client(http + 2));
            ShopperLoad load = ShopperLoad.start(() -> all, 20, 2);
            Result rolling;
            try {
                rolling = run(env, 480, "scripts/cluster", "rolling");
            } finally {
                load.stop();
            }
            assertEquals(0, rolling.exit, rolling.out);
            assertTrue(load.ordersAcknowledged() > 10, "the load placed orders: " + load.ordersAcknowledged());
            load.assertNothingLost("jdbc:postgresql://127.0.0.1:19490/postgres", first);
            assertEquals(3, rolling.out.split("cluster whole again", -1).length - 1, rolling.out);
            TopologyResponse after = await(first, token, t -> t.nodes().size() == 3);
            long rollingMs = (System.nanoTime() - rollingFrom) / 1_000_000;
            assertTrue(after.nodes().stream().allMatch(n -> n.uptimeMs() < rollingMs),
                "every node was restarted by the rolling restart: " + after.nodes());

            Map<String, String> withUrl = new HashMap<>(env);
            withUrl.put("GRIDSHOP_OPS_TOKEN", token);
            Result table = run(withUrl, 30, "scripts/topology", "http://127.0.0.1:" + http);
            assertEquals(0, table.exit, table.out);
            assertTrue(table.out.contains("3 nodes") && table.out.contains("product"), table.out);
            Result status = run(env, 60, "scripts/cluster", "status");
            assertEquals(3, status.out.split(", ready", -1).length - 1, status.out);
            for (String name : List.of("postgres", "node-1", "node-2", "node-3")) {
                pids.add(Long.parseLong(Files.readString(dir.resolve("pids").resolve(name + ".pid")).trim()));
            }
        } finally {
            Result stop = run(env, 300, "scripts/cluster", "stop");
            assertEquals(0, stop.exit, stop.out);
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " is gone");
        }
    }

    private static ShopClient client(int port) {
        return new ShopClient("http://127.0.0.1:" + port, JsonMapper.createDefault());
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Map<String, String> env, int seconds, String... cmd) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("cluster-script", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", cmd) + " did not end in " + seconds + " s: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.println("$ " + String.join(" ", cmd) + "\n" + out);
        return new Result(p.exitValue(), out);
    }

    private static TopologyResponse await(ShopClient http, String token, Predicate<TopologyResponse> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        TopologyResponse last = null;
        while (System.nanoTime() < deadline) {
            try {
                ShopClient.Reply r = http.get("/api/ops/topology", token);
                if (r.status() == 200) {
                    last = r.as(TopologyResponse.class);
                    if (until.test(last)) {
                        return last;
                    }
                }
            } catch (java.io.UncheckedIOException e) {
                // the node is restarting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("topology never got there; last: " + last);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
