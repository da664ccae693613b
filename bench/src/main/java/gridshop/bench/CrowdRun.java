package gridshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The requirements' 10,000 concurrent users (issue 30): {@link gridshop.bench.crowd.Crowd}, in a JVM of its own, holds
 * one connection per shopper open over the crowd's grid nodes, each shopper thinking between requests; the first
 * node generates the catalog and stays, the others join it. The client and the nodes need a descriptor per
 * connection: the JVMs raise their soft limit to the hard one, and the run stops if that is not enough.
 * Writes docs/bench/crowd-results.md.
 */
final class CrowdRun {
    private final Bench b;
    private final Options.Crowd c;

    CrowdRun(Bench b) {
        this.b = b;
        this.c = b.o.crowd();
    }

    int run() {
        int users = c.users().orElseThrow();
        long need = users + 2048L;
        long[] limit = Kernel.openFilesLimit();
        if (limit[0] < need) {
            System.out.printf("\033[1;31m*** open files limit %d < %d for %d connections: raise the hard limit (ulimit -Hn) ***\033[0m%n",
                limit[0], need, users);
            return 1;
        }
        System.out.println("Crowd: open files limit " + text(limit[0]) + " (soft) / " + text(limit[1]) + " (hard)");
        Options.Ports p = b.o.ports();
        List<Integer> ports = new ArrayList<>(List.of(p.pg()));
        for (int i = 0; i < c.nodes(); i++) {
            ports.add(p.http() + i);
        }
        ports.addAll(List.of(p.discovery(), p.comm(), p.jdbc()));
        for (int port : ports) {
            if (listening(port)) {
                System.out.println("port " + port + " is in use (move the bench: BENCH_*_PORT); not starting");
                return 1;
            }
        }
        int products = b.o.workload().products();
        b.freshPostgres();
        b.vocabulary(products);
        System.out.println("Crowd: " + c.nodes() + " grid node(s) on " + products + " products (the first generates them)…");
        List<Nodes.Node> nodes = new ArrayList<>();
        for (int i = 0; i < c.nodes(); i++) {
            Nodes.Node n = b.nodes.start("grid", p.http() + i, products, true);
            nodes.add(n);
            System.out.println("  node :" + n.port() + " (pid " + n.pid() + ") ready in " + ShopRun.seconds(n.readySeconds()) + " s");
        }
        String load = Kernel.loadAverage();
        Path out = b.ws.work().resolve("crowd.md");
        int rc = crowd(nodes, out);
        nodes.forEach(n -> Processes.stop(n.process()));
        b.stopPostgres();
        if (rc != 0 && rc != 3) {
            System.out.println("Crowd failed (exit " + rc + ")");
            return 1;
        }
        String report = header(products, load) + (Files.exists(out) ? Kernel.text(out) : "");
        write(b.ws.root().resolve("docs/bench/crowd-results.md"), report);
        System.out.println();
        System.out.print(report);
        if (rc == 3) {
            System.out.println("\033[1;31mBENCH RESULT: FAILED — unexplained errors or connections not held (docs/bench/crowd-results.md)\033[0m");
            return 3;
        }
        System.out.println();
        System.out.println("BENCH RESULT: every answer was 2xx or 409 (out of stock), every connection held");
        return 0;
    }

    /** Runs the crowd client with its report into OUT (its progress on our console); returns its exit. */
    private int crowd(List<Nodes.Node> nodes, Path out) {
        String urls = nodes.stream().map(n -> Http.url(n.port())).collect(Collectors.joining(","));
        List<String> cmd = List.of("java", "-cp", System.getProperty("java.class.path"), "gridshop.bench.crowd.Crowd",
            "--nodes", urls, "--users", String.valueOf(c.users().orElseThrow()), "--think", c.think(), "--ramp", String.valueOf(c.ramp()),
            "--hold", String.valueOf(c.hold()), "--vocabulary", b.ws.vocabulary().toString(), "--ops-token", Http.TOKEN,
            "--seed", String.valueOf(b.o.seed()), "--pids", Kernel.pids(nodes.stream().map(Nodes.Node::pid).toList()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(b.ws.root().toFile()).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            b.processes.register(p);
            return p.waitFor();
        } catch (IOException e) {
            throw new BenchException("could not start the crowd: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private String header(int products, String load) {
        StringBuilder ports = new StringBuilder();
        b.env.entrySet().stream().filter(e -> e.getKey().matches("BENCH_(HTTP|PG|DISCOVERY|COMM|JDBC)_PORT"))
            .map(e -> e.getKey() + "=" + e.getValue()).sorted().forEach(v -> ports.append(v).append(' '));
        return "Command: `" + ports + "scripts/bench/run --crowd " + c.users().orElseThrow() + " --crowd-nodes " + c.nodes()
            + " --products " + products + " --think " + c.think() + " --crowd-ramp " + c.ramp() + " --crowd-hold " + c.hold() + "` ("
            + Machine.utc("yyyy-MM-dd HH:mm") + " UTC, commit " + Machine.commit(b.ws.root()) + ").\n"
            + "Machine: " + Machine.describe(false) + "; load average (1, 5, 15 min) before the nodes' crowd: " + load + ".\n"
            + "Grid nodes with -Xmx3g each, PostgreSQL embedded and the client (`Crowd.java`, one NIO thread) on the same machine.\n\n";
    }

    /** Whether anything listens on PORT (/proc/net/tcp and tcp6: a local port in state 0A, LISTEN). */
    static boolean listening(int port) {
        String hex = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Kernel.read(Path.of(table)).orElse("").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hex) && f[3].equals("0A")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(long limit) {
        return limit == Long.MAX_VALUE ? "unlimited" : String.valueOf(limit);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e);
        }
    }
}
