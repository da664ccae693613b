package gridshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The shopper flow at fixed arrival rates, stepped up (sustained.lua, one wrk run per step), while a sampler reads
 * every second how far PostgreSQL is behind; {@link Sustained} makes the table and the chart. Also the CPU seconds
 * PostgreSQL and the node spent per 1,000 orders, counted until everything is flushed.
 */
final class SustainedRun {
    private static final int CONNECTIONS = 64;
    private final Bench b;
    private final Nodes.Node node;
    private final List<Sustained.Reading> readings = Collections.synchronizedList(new ArrayList<>());
    private volatile int rate;
    private volatile boolean sampling = true;

    SustainedRun(Bench b, Nodes.Node node) {
        this.b = b;
        this.node = node;
    }

    void run() {
        Options.Workload w = b.o.workload();
        System.out.println("Sustained writes: " + String.join(",", w.sustainedRates().stream().map(String::valueOf).toList())
            + " orders/s, " + w.sustainedStep() + " s each…");
        Thread sampler = new Thread(this::sample, "sustained-sampler");
        sampler.setDaemon(true);
        sampler.start();
        paced(w.sustainedRates().get(0), w.warmup()); // a warm-up at the first rate, not recorded: 64 new connections
        double pg0 = b.postgresCpu(), node0 = Kernel.cpuSeconds(List.of(node.pid()));
        List<Sustained.Step> steps = new ArrayList<>();
        for (int r : w.sustainedRates()) {
            rate = r;
            double start = now();
            Summary s = paced(r, w.sustainedStep());
            steps.add(new Sustained.Step(r, start, now(), s));
            System.out.println("  " + r + " orders/s offered: BENCH " + s.json());
        }
        rate = 0;
        double end = now(), drained = -1;
        if (Nodes.flushed(node.port(), 600)) {
            drained = Math.round((now() - end) * 10) / 10.0;
        }
        Nodes.sleep(2000);
        sampling = false;
        join(sampler);
        List<Sustained.Sample> samples = Sustained.samples(List.copyOf(readings));
        write(steps, samples, drained);
        long orders = Sustained.orders(steps);
        double pg = b.postgresCpu() - pg0, cpu = Kernel.cpuSeconds(List.of(node.pid())) - node0;
        b.results.figure("sustained writes, until flushed: CPU seconds of PostgreSQL / of the grid node per 1,000 orders (orders)",
            String.format(Locale.ROOT, "%.2f / %.2f (%d)", orders != 0 ? 1000 * pg / orders : 0, orders != 0 ? 1000 * cpu / orders : 0,
                orders));
    }

    private Summary paced(int r, int seconds) {
        return b.wrk.run(new Wrk.Load("sustained", node.port(), CONNECTIONS, CONNECTIONS, seconds, b.o.workload().products(),
            b.o.seed(), Map.of("BENCH_RATE", String.valueOf(r), "BENCH_CONNECTIONS", String.valueOf(CONNECTIONS))));
    }

    /** Every second: the offered rate, the journal entries pending, the oldest one's age, the rows flushed so far. */
    private void sample() {
        while (sampling) {
            double t = now();
            String m = Nodes.metrics(node.port());
            OptionalLong pending = Nodes.pendingWrites(node.port());
            readings.add(new Sustained.Reading(t, rate, pending.isPresent() ? pending.getAsLong() : null,
                Metrics.max(m, "gridshop_writes_oldest_pending_seconds"),
                m.isEmpty() ? null : Metrics.sum(m, "gridshop_flush_rows_total", null)));
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void write(List<Sustained.Step> steps, List<Sustained.Sample> samples, double drained) {
        try {
            Files.writeString(b.ws.work().resolve("sustained.md"), Sustained.table(steps, samples, drained));
            Files.writeString(b.ws.work().resolve("sustained.svg"), Sustained.chart(steps, samples));
        } catch (IOException e) {
            throw new BenchException("cannot write the sustained report: " + e);
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
