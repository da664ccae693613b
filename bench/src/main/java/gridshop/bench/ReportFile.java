package gridshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The run's report: docs/bench/results.md (and chart.svg) for a full run, scale-results.md for --nodes, sql-results.md
 * for --sql-only (these two leave the full run's report alone): what ran, on what, then {@link Report}'s tables, the
 * scale-out's unexplained answers and the sustained writes. Returns the run's exit: 3 on unexplained answers.
 */
final class ReportFile {
    private final Bench b;
    private final CpuQuota quota;

    ReportFile(Bench b, CpuQuota quota) {
        this.b = b;
        this.quota = quota;
    }

    int write(List<String> scaleUnexplained) {
        Options o = b.o;
        Options.Scope scope = o.scope();
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Machine.describe(true)).append(".\n");
        md.append(command());
        if (!o.scaleOut().nodes().isEmpty()) {
            md.append(scaleOutLines());
        }
        Report report = new Report(b.results);
        md.append(report.markdown());
        boolean failed = !report.unexplained().isEmpty();
        if (!scaleUnexplained.isEmpty()) { // answers other than 2xx and 409 in a scale-out scenario
            md.append("\n").append(Report.RED).append(" (scale-out): ").append(String.join(";", scaleUnexplained)).append(".\n");
            failed = true;
        }
        Path sustained = b.ws.work().resolve("sustained.md");
        if (scope.http() && Files.exists(sustained)) {
            String table = Kernel.text(sustained);
            md.append("\nSustained writes (`Sustained.java`, grid mode, ").append(o.workload().sustainedStep())
                .append(" s per step):\n\n").append(table);
            copy(b.ws.work().resolve("sustained.svg"), b.ws.root().resolve("docs/bench/sustained.svg"));
            md.append("\n![pending writes and flush rows/s over the sustained run](sustained.svg)\n");
            failed |= table.contains("Unexplained errors");
        }
        Path chart = scope.http() ? b.ws.root().resolve("docs/bench/chart.svg") : b.ws.work().resolve("chart.svg");
        String name = scope.scaleOnly() ? "scale-results.md" : scope.http() ? "results.md" : "sql-results.md";
        Path file = b.ws.root().resolve("docs/bench").resolve(name);
        try {
            Files.writeString(chart, report.svg());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new BenchException("cannot write the report: " + e);
        }
        System.out.println();
        System.out.print(md);
        if (failed) {
            System.out.printf("%n\033[1;31mBENCH RESULT: FAILED — unexplained errors (see the line in red in %s)\033[0m%n",
                b.ws.root().relativize(file));
            return 3;
        }
        System.out.println();
        System.out.println("BENCH RESULT: every answer was 2xx or 409 (out of stock)");
        return 0;
    }

    private String command() {
        Options o = b.o;
        Options.Workload w = o.workload();
        if (o.scope().scaleOnly()) {
            Options.ScaleOut s = o.scaleOut();
            StringBuilder c = new StringBuilder("Command: `scripts/bench/run --nodes \"").append(String.join(" ", s.nodes().stream()
                .map(String::valueOf).toList())).append("\" --products ").append(s.products()).append(" --duration ").append(w.duration())
                .append(" --scale-warmup ").append(s.warmup()).append(" --warmup-windows ").append(s.windows());
            s.nodeCpus().ifPresent(x -> c.append(" --node-cpus ").append(x));
            if (!Options.effective(o.node().localSessions(), b.env, "GRIDSHOP_ROUTING_LOCAL_SESSIONS")) {
                c.append(" --random-lb");
            }
            if (!Options.effective(o.node().escrow(), b.env, "GRIDSHOP_STOCK_ESCROW")) {
                c.append(" --no-escrow");
            }
            c.append('`');
            for (String v : List.of("GRIDSHOP_CATALOG_FEED_BATCH", "GRIDSHOP_ROUTING_OWNER_CALLS", "GRIDSHOP_GRID_THREADS")) {
                String x = b.env.get(v);
                if (x != null && !x.isEmpty()) {
                    c.append(" with `").append(v).append('=').append(x).append('`');
                }
            }
            return c.append(" (").append(Machine.utc("yyyy-MM-dd HH:mm")).append(" UTC, commit ").append(Machine.commit(b.ws.root()))
                .append(").\n").toString();
        }
        if (!o.scope().http()) {
            return "Command: `scripts/bench/run --sql-only --products " + w.products() + " --order-lines " + w.orderLines() + "` ("
                + Machine.utc("yyyy-MM-dd") + ").\n"
                + "One grid node (-Xmx3g, data region 4 GiB), then two on the same machine, over JDBC thin; PostgreSQL embedded on the\n"
                + "same machine. Each query runs once (its first run), twice more untimed, then five times for the median, on each\n"
                + "engine and on PostgreSQL; its rows are compared with PostgreSQL's.\n\n";
        }
        return "Command: `scripts/bench/run --products " + w.products() + " --duration " + w.duration() + " --connections "
            + w.connections() + " --order-lines " + w.orderLines() + (o.scaleOut().nodes().isEmpty() ? " --no-scale-out" : "")
            + "` (" + Machine.utc("yyyy-MM-dd") + ", commit " + Machine.commit(b.ws.root()) + ").\n"
            + "wrk: detail and mix with 2 threads and " + w.connections() + " connections; carts, checkout and shopper with 16 threads, 16 connections\n"
            + "(one shopper per connection at a time). carts: sessions with 1-5 items prepared for checkout (its orders/s column counts\n"
            + "sessions prepared); checkout: those sessions checking out, timed alone; shopper: the whole flow (create a session, put\n"
            + "1-5 items, check out) counted per order. Every scenario " + w.duration() + " s (carts twice that) after a " + w.warmup()
            + " s warm-up of the\n"
            + "mix and one of carts + checkout; one node per mode (grid: -Xmx3g,\n"
            + "data region 4 GiB; postgres-direct: -Xmx1g, Hikari pool 16), PostgreSQL embedded on the same machine.\n"
            + "The mix's random choices (searches from the catalog's vocabulary, Zipf) are seeded: BENCH_SEED=" + o.seed() + ".\n\n";
    }

    private String scaleOutLines() {
        Options.ScaleOut s = b.o.scaleOut();
        StringBuilder md = new StringBuilder();
        md.append("Scale-out rows: ").append(s.products()).append(" products on a PostgreSQL of their own; grid nodes with -Xmx3g each on this machine,\n");
        md.append("one wrk per node with its share of the threads and connections\n");
        md.append("(mix: 2 threads, ").append(b.o.workload().connections()).append(" connections in all; shopper: 16 and 16). Each scenario is warmed up in windows of ")
            .append(s.warmup()).append(" s\n");
        md.append("until two in a row cost the same node CPU per request (±10 %) with at most 10 % of it JIT compiling (at most ")
            .append(s.windows()).append("\n");
        md.append("windows), then measured for ").append(b.o.workload().duration()).append(" s.\n");
        md.append("Node CPU from the kernel's accounting of every node JVM around each scenario (the JIT compiler threads' share in\n");
        md.append("brackets); messages between nodes from ignite_messages_sent_total; data per node from /api/ops/topology.\n");
        if (s.nodeCpus().isPresent()) {
            String note = quota.note();
            md.append("CPU quota: ").append(note.startsWith("NO") ? "**" + note + "**" : note.isEmpty() ? "none set" : note).append(".\n");
        }
        return md.append('\n').toString();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BenchException("cannot copy " + from + ": " + e);
        }
    }
}
