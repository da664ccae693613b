package gridshop.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The shop workload on one node per mode: start-up, the read scenarios (detail, mix), the checkout burst (carts
 * prepared, then their checkouts timed alone), the shopper flow with PostgreSQL's CPU per order, the sustained
 * writes in grid mode, memory; in grid mode the mix once more with gridshop.catalog.remember-searches=false.
 */
final class ShopRun {
    private final Bench b;
    private final Options.Workload w;

    ShopRun(Bench b) {
        this.b = b;
        this.w = b.o.workload();
    }

    void run() {
        for (String mode : w.modes()) {
            int port = mode.equals("grid") ? b.o.ports().http() : b.o.ports().http() + 10;
            Nodes.Node node = start(mode, port);
            if (b.o.scope().reads()) {
                warmup(mode, port);
                load("detail", mode, port, 2, w.connections(), w.duration(), "detail");
                mixRemembered(mode, port, "mix");
            }
            checkout(mode, port);
            shopperPgCpu(mode, port);
            if (mode.equals("grid")) {
                new SustainedRun(b, node).run();
            }
            b.results.figure(mode + " node: RSS / heap used after GC (MiB)", Nodes.memory(node.pid()));
            Processes.stop(node.process());
            if (mode.equals("grid") && b.o.scope().reads()) {
                System.out.println("Grid mode with gridshop.catalog.remember-searches=false…");
                Nodes.Node n = b.nodes.start("grid", port, w.products(), false);
                warmup(mode, port);
                mixRemembered(mode, port, "mix-no-remember");
                Processes.stop(n.process());
            }
        }
    }

    private Nodes.Node start(String mode, int port) {
        if (!mode.equals("grid")) {
            System.out.println("postgres-direct mode…");
            Nodes.Node n = b.nodes.start(mode, port, w.products(), true);
            b.results.figure("postgres-direct: start-up to ready (s)", seconds(n.readySeconds()));
            return n;
        }
        System.out.println("Grid mode: first start (generates " + w.products() + " products into PostgreSQL, then loads them)…");
        Nodes.Node first = b.nodes.start(mode, port, w.products(), true);
        b.results.figure("grid: first start, demo catalog generated + loaded + indexed (s)", seconds(first.readySeconds()));
        Processes.stop(first.process());
        System.out.println("Grid mode: start with " + w.products() + " products loaded from PostgreSQL…");
        Nodes.Node n = b.nodes.start(mode, port, w.products(), true);
        b.results.figure("grid: start-up to ready, " + w.products() + " products loaded from PostgreSQL (s)", seconds(n.readySeconds()));
        return n;
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    private void warmup(String mode, int port) {
        load("mix", mode, port, 2, w.connections(), w.warmup(), "warmup");
        System.out.println("  warmed up (" + w.warmup() + " s)");
    }

    /** One wrk run; recorded under NAME unless NAME is "warmup". */
    Summary load(String scenario, String mode, int port, int threads, int connections, int seconds, String name) {
        Summary s = b.wrk.run(b.wrk.load(scenario, port, threads, connections, seconds, w.products()));
        if (!name.equals("warmup")) {
            b.results.http(name, mode, s);
            System.out.println("  " + name + " (" + mode + "): BENCH " + s.json());
        }
        return s;
    }

    /** The mix, and in grid mode the share of its word searches answered from remembered matches. */
    private void mixRemembered(String mode, int port, String name) {
        boolean grid = mode.equals("grid");
        double hit0 = grid ? searches(port, "hit") : 0, miss0 = grid ? searches(port, "miss") : 0;
        load("mix", mode, port, 2, w.connections(), w.duration(), name);
        if (grid) {
            double hits = searches(port, "hit") - hit0, all = hits + searches(port, "miss") - miss0;
            b.results.figure(name + " (grid): word searches answered from remembered matches",
                String.format(Locale.ROOT, "%.1f %% of %d", all != 0 ? 100 * hits / all : 0, (long) all));
        }
    }

    /** The node's count of word searches answered from remembered matches (hit) or computed (miss). */
    private static double searches(int port, String result) {
        return Metrics.sum(Nodes.metrics(port), "gridshop_catalog_searches_total", "result=\"" + result + "\"");
    }

    /**
     * carts.lua prepares sessions with 1-5 items (for twice the scenario's time, so the checkouts cannot run out),
     * then checkout.lua times their checkouts alone, one thread per connection each. A first round of both, not
     * recorded, warms the write path up as the mix warm-up does the read path. In grid mode the measured burst starts
     * with nothing pending, and the flusher is followed through it and after it.
     */
    private void checkout(String mode, int port) {
        for (String round : List.of("warmup", "measured")) {
            Workspace.deleteTree(b.ws.sessions());
            b.ws.sessions().toFile().mkdirs();
            boolean warm = round.equals("warmup");
            int seconds = warm ? w.warmup() : w.duration();
            load("carts", mode, port, 16, 16, 2 * seconds, warm ? "warmup" : "carts");
            if (mode.equals("grid") && !warm) {
                Nodes.flushed(port, 300);
                double rows0 = Nodes.flushRows(port);
                long t0 = System.nanoTime();
                load("checkout", mode, port, 16, 16, seconds, "checkout");
                flusherBurst(port, rows0, t0);
            } else {
                load("checkout", mode, port, 16, 16, seconds, warm ? "warmup" : "checkout");
            }
        }
        Workspace.deleteTree(b.ws.sessions());
    }

    /**
     * Right after the checkout burst, the rows the flusher wrote during it and the journal entries still pending;
     * then the catch-up: how fast it writes them once the burst is over, in rows/s and in orders/s at the burst's own
     * rows per order (everything it wrote for the burst over the orders placed).
     */
    private void flusherBurst(int port, double rows0, long t0) {
        double rows1 = Nodes.flushRows(port);
        long t1 = System.nanoTime();
        long pending = Nodes.pendingWrites(port).orElse(0);
        long orders = b.results.lastOrders();
        String name = "grid: the flusher and the checkout burst: orders/s of the burst; rows/s flushed during it; journal "
            + "entries pending at its end; catch-up after it, rows/s (orders/s at the burst's rows per order)";
        if (!Nodes.flushed(port, 600)) {
            b.results.figure("grid: the flusher after the checkout burst", "not flushed within 600 s");
            return;
        }
        double rows2 = Nodes.flushRows(port);
        long t2 = System.nanoTime();
        double burst = (t1 - t0) / 1e9, after = (t2 - t1) / 1e9;
        double per = orders != 0 ? (rows2 - rows0) / orders : 0, up = after > 0 ? (rows2 - rows1) / after : 0;
        b.results.figure(name, String.format(Locale.ROOT, "%.0f; %.0f; %d; %.0f (%.0f at %.1f rows an order, %.1f s)",
            orders / burst, (rows1 - rows0) / burst, pending, up, per != 0 ? up / per : 0, per, after));
    }

    /**
     * The whole shopper flow, with the CPU seconds PostgreSQL spent on it per 1,000 orders (in grid mode counted until
     * the flusher has written everything the flow wrote).
     */
    private void shopperPgCpu(String mode, int port) {
        boolean grid = mode.equals("grid");
        if (grid) {
            Nodes.flushed(port, 300);
        }
        double before = b.postgresCpu();
        load("shopper", mode, port, 16, 16, w.duration(), "shopper");
        if (grid) {
            Nodes.flushed(port, 600);
        }
        double after = b.postgresCpu();
        long orders = b.results.lastOrders();
        b.results.figure(mode + ": PostgreSQL CPU seconds per 1,000 orders of the shopper flow (CPU s / orders)",
            String.format(Locale.ROOT, "%.2f (%.1f / %d)", orders != 0 ? 1000 * (after - before) / orders : 0, after - before, orders));
    }

    /** The catalog index's heap bytes per product, in a JVM of its own. */
    void indexSize() {
        System.out.println("Catalog index: heap bytes per product (" + w.products() + " products, in a JVM of its own)…");
        String out = Processes.output(b.ws.nodeTool(List.of("-Xmx3g"), "IndexSize", List.of(String.valueOf(w.products()))),
            Map.of(), b.ws.root());
        Map<String, String> f = Json.fields(Json.line(out, "BENCH-INDEX ").orElseThrow(() ->
            new BenchException("IndexSize printed no BENCH-INDEX line:\n" + out)));
        b.results.figure("catalog index: heap bytes per product, " + w.products() + " products (MiB in all)",
            String.format(Locale.ROOT, "%d (%.0f)", Long.parseLong(f.get("bytes_per_product")),
                Long.parseLong(f.get("heap_bytes")) / 1048576.0));
    }
}
