import gridshop.api.ops.TopologyResponse;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.Locale;

/**
 * How the grid's data spreads over N nodes, for the scale-out of scripts/bench/run: each node's heap and off-heap in use,
 * its primary partitions and the grid entries it holds (primary + backup copies), against total × 2 / N (one backup,
 * so every entry is held twice). Reads GET /api/ops/topology of one node.
 *   java -cp NODE_CLASSPATH scripts/bench/ScaleOut.java URL OPS_TOKEN
 * Prints one "BENCH-NODE {...}" line per node.
 */
public final class ScaleOut {
    public static void main(String[] args) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0] + "/api/ops/topology"))
            .header("Authorization", "Bearer " + args[1]).build(), HttpResponse.BodyHandlers.ofString()).body();
        TopologyResponse t = JsonMapper.createDefault().readValue(body, TopologyResponse.class);
        long total = t.nodes().stream().mapToLong(ScaleOut::entries).sum(); // every entry counted with its copies
        for (TopologyResponse.Node n : t.nodes().stream().sorted(Comparator.comparing(TopologyResponse.Node::httpPort)).toList()) {
            System.out.printf(Locale.ROOT, "BENCH-NODE {\"nodes\":%d,\"port\":%d,\"heap_mib\":%d,\"offheap_mib\":%d,"
                    + "\"primary_partitions\":%d,\"entries\":%d,\"entries_share\":%.3f}%n", t.nodes().size(), n.httpPort(),
                n.heapUsed() >> 20, n.offHeapUsed() >> 20, n.primaryPartitions(), entries(n),
                total == 0 ? 0 : entries(n) / (double) total);
        }
    }

    /** The grid entries a node holds, primary and backup copies, over every cache. */
    static long entries(TopologyResponse.Node n) {
        return n.caches().values().stream().mapToLong(e -> e.primary() + e.backup()).sum();
    }
}
