package gridshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** Starts node JVMs from the copied jar, each with its settings in GRIDSHOP_* variables, and asks them how they are. */
final class Nodes {
    /** A node the run started: its process, HTTP port, and seconds from start to ready. */
    record Node(Process process, int port, double readySeconds) {
        long pid() {
            return process.pid();
        }
    }

    private final Options o;
    private final Workspace ws;
    private final Processes processes;

    Nodes(Options o, Workspace ws, Processes processes) {
        this.o = o;
        this.ws = ws;
        this.processes = processes;
    }

    String pgUrl() {
        return "jdbc:postgresql://127.0.0.1:" + o.ports().pg() + "/postgres";
    }

    /** Starts a node of MODE on PORT with PRODUCTS in its demo catalog and waits until it is ready. */
    Node start(String mode, int port, int products, boolean rememberSearches) {
        String heap = mode.equals("grid") ? "3g" : "1g";
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-Duser.timezone=UTC",
            "-Djava.net.preferIPv4Stack=true", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-DIGNITE_QUIET=true",
            "-DIGNITE_UPDATE_NOTIFIER=false", "-DIGNITE_PERFORMANCE_SUGGESTIONS_DISABLED=true"));
        o.jfrDir().ifPresent(d -> cmd.add("-XX:StartFlightRecording=name=bench,settings=default,maxage=15m"));
        cmd.addAll(List.of("-jar", ws.app().resolve("gridshop-node.jar").toString()));
        Path log = ws.work().resolve("node-" + mode + "-" + port + ".log");
        Process p = processes.start(cmd, env(mode, port, products, rememberSearches), ws.root(), log);
        for (int i = 0; i < 900; i++) {
            if (Http.get(Http.url(port) + "/health/readiness", false).isPresent()) {
                break;
            }
            if (!p.isAlive()) {
                throw new BenchException("node " + mode + ":" + port + " died, see " + log);
            }
            sleep(200);
        }
        double ready = Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
        return new Node(p, port, ready);
    }

    private Map<String, String> env(String mode, int port, int products, boolean rememberSearches) {
        Options.Ports ports = o.ports();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GRIDSHOP_MODE", mode);
        env.put("GRIDSHOP_HTTP_PORT", String.valueOf(port));
        env.put("GRIDSHOP_DB_URL", pgUrl());
        env.put("GRIDSHOP_DEMO_PRODUCTS", String.valueOf(products));
        env.put("GRIDSHOP_ADMIN_TOKEN", Http.TOKEN);
        env.put("GRIDSHOP_OPS_TOKEN", Http.TOKEN);
        env.put("GRIDSHOP_JDBC_PASSWORD", Http.TOKEN);
        env.put("GRIDSHOP_GRID_WORK_DIR", ws.work().resolve("ignite-" + port).toString());
        env.put("GRIDSHOP_WRITE_BEHIND_SPILL_DIR", ws.work().resolve("spill-" + port).toString());
        env.put("GRIDSHOP_GRID_DATA_REGION_MB", "4096");
        env.put("GRIDSHOP_DB_POOL_SIZE", "16");
        env.put("GRIDSHOP_CATALOG_REMEMBER_SEARCHES", String.valueOf(rememberSearches));
        env.put("GRIDSHOP_DISCOVERY_PORT", String.valueOf(ports.discovery()));
        env.put("GRIDSHOP_DISCOVERY_ADDRESSES", "127.0.0.1:" + ports.discovery() + ".." + (ports.discovery() + 9));
        env.put("GRIDSHOP_GRID_COMMUNICATION_PORT", String.valueOf(ports.comm()));
        env.put("GRIDSHOP_JDBC_PORT", String.valueOf(ports.jdbc()));
        env.put("MICRONAUT_ENVIRONMENTS", "dev");
        o.node().localSessions().ifPresent(v -> env.put("GRIDSHOP_ROUTING_LOCAL_SESSIONS", v.toString()));
        o.node().escrow().ifPresent(v -> env.put("GRIDSHOP_STOCK_ESCROW", v.toString()));
        return env;
    }

    /** Journal entries not yet in PostgreSQL, from the readiness answer (empty: no answer). */
    static OptionalLong pendingWrites(int port) {
        return Http.getAny(Http.url(port) + "/health/readiness").map(Nodes::pendingIn).orElse(OptionalLong.empty());
    }

    static OptionalLong pendingIn(String readiness) {
        try {
            JsonNode n = Json.MAPPER.readTree(readiness).findValue("pendingWrites");
            return n != null && n.canConvertToLong() ? OptionalLong.of(n.asLong()) : OptionalLong.empty();
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Waits until no write is pending in the cluster; false if that takes longer than SECONDS. */
    static boolean flushed(int port, int seconds) {
        for (int i = 0; i < seconds * 2; i++) {
            if (pendingWrites(port).orElse(-1) == 0) {
                return true;
            }
            sleep(500);
        }
        return false;
    }

    static String metrics(int port) {
        return Http.get(Http.url(port) + "/metrics", true).orElse("");
    }

    /** Rows the node's flusher has written to PostgreSQL so far. */
    static double flushRows(int port) {
        return Metrics.sum(metrics(port), "gridshop_flush_rows_total", null);
    }

    /** RSS and heap used after a full GC (jcmd GC.run, then jstat -gc: S0U + S1U + EU + OU), in MiB. */
    static String memory(long pid) {
        long rss = Kernel.rssMib(pid);
        Processes.run(List.of("jcmd", String.valueOf(pid), "GC.run"), Map.of(), Path.of("."));
        String[] lines = Processes.run(List.of("jstat", "-gc", String.valueOf(pid)), Map.of(), Path.of(".")).out().split("\n");
        long heap = 0;
        if (lines.length > 1) {
            String[] h = lines[0].trim().split("\\s+");
            String[] v = lines[1].trim().split("\\s+");
            double kib = 0;
            for (int i = 0; i < h.length && i < v.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(h[i])) {
                    kib += Double.parseDouble(v[i]);
                }
            }
            heap = Math.round(kib / 1024);
        }
        return String.format(Locale.ROOT, "%d / %d", rss, heap);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
