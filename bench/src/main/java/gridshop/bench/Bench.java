package gridshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * scripts/bench/run: the benchmark suite (the usage is in usage.txt). The shop workload on a generated catalog in grid
 * mode and in postgres-direct mode (ShopRun), the catalog index's size, the analyst SQL (AnalystRun), the scale-out
 * (ScaleOutRun) or the crowd (CrowdRun); then the report (ReportFile). Everything runs under data/bench (a fresh
 * PostgreSQL each time) and is stopped, by process id, at the end: exit 0, 3 on unexplained answers, 1 on a failure.
 */
public final class Bench {
    final Options o;
    final Map<String, String> env;
    final Workspace ws;
    final Processes processes = new Processes();
    final Results results = new Results();
    final Nodes nodes;
    final Wrk wrk;
    private Process postgres;

    Bench(Options o, Map<String, String> env, Workspace ws) {
        this.o = o;
        this.env = env;
        this.ws = ws;
        this.nodes = new Nodes(o, ws, processes);
        this.wrk = new Wrk(ws, o.seed());
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(List.of(args), System.getenv());
        } catch (Options.UsageException e) {
            if (!List.of("-h", "--help").contains(args.length > 0 ? args[0] : "")) {
                System.out.println(e.getMessage());
            }
            System.out.print(usage());
            System.exit(2);
            return;
        }
        Bench bench = new Bench(o, System.getenv(), Workspace.at(Path.of("").toAbsolutePath()));
        CpuQuota quota = new CpuQuota(o.scaleOut().nodeCpus());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // also on Ctrl-C and kill: what the run started stops
            bench.processes.close();
            quota.remove();
        }, "bench-cleanup"));
        int exit;
        try {
            exit = bench.run(quota);
        } catch (BenchException e) {
            System.out.println(e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    static String usage() {
        try (var in = Bench.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            return "usage: scripts/bench/run [options] (see README.md)\n";
        }
    }

    int run(CpuQuota quota) {
        ws.prepare();
        deleteWork("sustained.md", "sustained.svg");
        if (o.crowd().users().isPresent()) {
            return new CrowdRun(this).run();
        }
        Options.Scope scope = o.scope();
        int lines = o.workload().orderLines();
        if (scope.http() || lines > 0) {
            freshPostgres();
            if (scope.http()) {
                vocabulary(o.workload().products());
            }
        }
        ShopRun shop = new ShopRun(this);
        if (scope.http()) {
            shop.run();
        }
        if (scope.http() && scope.reads() && o.grid()) {
            shop.indexSize();
        }
        if (lines > 0 && o.grid()) {
            new AnalystRun(this).run();
        }
        stopPostgres();
        List<String> scaleUnexplained = List.of();
        if (!o.scaleOut().nodes().isEmpty()) {
            ScaleOutRun scale = new ScaleOutRun(this, quota);
            scale.run();
            scaleUnexplained = scale.unexplained();
        }
        return new ReportFile(this, quota).write(scaleUnexplained);
    }

    /** A new embedded PostgreSQL (and no node state or spill of the old one) on the run's PostgreSQL port. */
    void freshPostgres() {
        int port = o.ports().pg();
        System.out.println("PostgreSQL (embedded, fresh) on 127.0.0.1:" + port);
        Workspace.deleteTree(ws.work().resolve("postgres"));
        ws.deleteStartingWith("ignite-");
        ws.deleteStartingWith("spill-"); // a spill belongs to the old database
        Path log = ws.work().resolve("postgres.log");
        postgres = processes.start(List.of("java", "-cp", ws.classPath(), "gridshop.persistence.platform.EmbeddedDatabase",
            ws.work().resolve("postgres").toString(), String.valueOf(port)), Map.of(), ws.root(), log);
        processes.isPostgres(postgres);
        for (int i = 0; i < 60 && !Kernel.read(log).orElse("").contains("POSTGRES_URL"); i++) {
            Nodes.sleep(1000);
        }
    }

    void stopPostgres() {
        if (postgres != null) {
            Processes.stop(postgres);
        }
    }

    /** CPU seconds the run's PostgreSQL (its postmaster and every backend) has used so far. */
    double postgresCpu() {
        Optional<Long> pm = Kernel.processWith("-D " + ws.work().resolve("postgres") + " -p " + o.ports().pg());
        return pm.map(pid -> Kernel.cpuSeconds(List.of(pid))).orElse(0.0);
    }

    /** The mix's search words, drawn from the catalog's own (Vocabulary.java, on the node's class path). */
    void vocabulary(int products) {
        System.out.print(Processes.output(ws.nodeTool(List.of(), "Vocabulary",
            List.of(String.valueOf(products), ws.vocabulary().toString())), Map.of(), ws.root()));
    }

    private void deleteWork(String... names) {
        for (String n : names) {
            try {
                Files.deleteIfExists(ws.work().resolve(n));
            } catch (IOException e) {
                throw new BenchException("cannot remove " + n + ": " + e);
            }
        }
    }
}
