package gridshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the grid's data spreads over N nodes, from GET /api/ops/topology of one node: each node's heap and off-heap in
 * use, its primary partitions and the grid entries it holds (primary + backup copies, over every cache), and its share
 * of all copies.
 */
final class Topology {
    record NodeData(int port, long heapMib, long offHeapMib, int primaryPartitions, long entries, double share) {
        /** heap MiB, off-heap MiB, primary partitions, grid entries (share of all copies), as the report prints it. */
        String row() {
            return String.format(Locale.ROOT, "%d, %d, %d, %d (%.3f)", heapMib, offHeapMib, primaryPartitions, entries, share);
        }
    }

    private Topology() {
    }

    static List<NodeData> parse(String json) {
        List<JsonNode> nodes = new ArrayList<>();
        Json.tree(json).path("nodes").forEach(nodes::add);
        long total = nodes.stream().mapToLong(Topology::entries).sum(); // every entry counted with its copies
        return nodes.stream().sorted(Comparator.comparingInt(n -> n.path("httpPort").asInt()))
            .map(n -> new NodeData(n.path("httpPort").asInt(), n.path("heapUsed").asLong() >> 20, n.path("offHeapUsed").asLong() >> 20,
                n.path("primaryPartitions").asInt(), entries(n), total == 0 ? 0 : entries(n) / (double) total))
            .toList();
    }

    private static long entries(JsonNode node) {
        long sum = 0;
        for (JsonNode e : node.path("caches")) {
            sum += e.path("primary").asLong() + e.path("backup").asLong();
        }
        return sum;
    }
}
