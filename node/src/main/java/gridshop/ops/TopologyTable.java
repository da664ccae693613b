package gridshop.ops;

import gridshop.api.ops.TopologyResponse;
import java.time.Instant;
import java.util.List;

/** The topology as a plain-text table for a terminal (scripts/topology): nodes, then caches, then warnings. */
final class TopologyTable {
    private static final List<String> BUSINESS = List.of("product", "inventory", "session", "cart", "orders", "order_line");

    private TopologyTable() {
    }

    static String render(TopologyResponse t) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("cluster %s · topology version %d · %d nodes · %s%n%n", t.clusterState(),
            t.topologyVersion(), t.nodes().size(), Instant.ofEpochMilli(t.at())));
        out.append(String.format("%-22s %-6s %6s %7s %7s %12s %12s %6s %10s", "node", "http", "up", "primary", "backup",
            "heap MiB", "grid MiB", "cpu %", "unflushed"));
        BUSINESS.forEach(c -> out.append(String.format(" %11s", c)));
        out.append('\n');
        for (TopologyResponse.Node n : t.nodes()) {
            out.append(String.format("%-22s %-6s %6s %7d %7d %12s %12s %6.0f %10d", (n.local() ? "*" : " ") + n.consistentId(),
                n.httpPort() == null ? "-" : n.httpPort(), uptime(n.uptimeMs()), n.primaryPartitions(), n.backupPartitions(),
                (n.heapUsed() >> 20) + "/" + (n.heapMax() >> 20), (n.offHeapUsed() >> 20) + "/" + (n.offHeapMax() >> 20),
                n.cpuLoad() * 100, n.pendingWrites()));
            BUSINESS.forEach(c -> {
                TopologyResponse.Entries e = n.caches().get(c);
                out.append(String.format(" %11s", e == null ? "-" : e.primary() + "/" + e.backup()));
            });
            out.append('\n');
        }
        out.append(String.format("%n%-14s %-11s %10s %10s %12s%n", "cache", "mode", "entries", "unflushed", "oldest ms"));
        for (TopologyResponse.Cache c : t.caches()) {
            out.append(String.format("%-14s %-11s %10d %10d %12d%n", c.name(), c.mode(), c.size(), c.pendingWrites(),
                c.oldestPendingMs()));
        }
        out.append(String.format("%noutbox %d · dead letters %d · partitions without backup %d · lost partitions %d · "
            + "rebalancing %s · unflushed writes lost %d%n", t.outbox(), t.deadLetters(), t.partitionsWithoutBackup(),
            t.lostPartitions(), t.rebalancing().inProgress() ? t.rebalancing().remainingPartitions() + " partitions left" : "done",
            t.unflushedWritesLost()));
        List<TopologyResponse.Event> events = t.events();
        if (!events.isEmpty()) {
            out.append("\nrecent events:\n");
            events.subList(Math.max(0, events.size() - 5), events.size()).forEach(e ->
                out.append(String.format("  %s %-6s %s%n", Instant.ofEpochMilli(e.at()), e.type(), e.node())));
        }
        return out.toString();
    }

    private static String uptime(long ms) {
        long s = ms / 1000;
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s / 3600 + "h";
    }
}
