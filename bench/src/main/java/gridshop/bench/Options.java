package gridshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What scripts/bench/run was asked to do: its command line and the BENCH_* environment, with the defaults and the
 * way one option narrows the run (--nodes measures only the scale-out, --crowd only the crowd, …) worked out once.
 * {@code scale} is empty when the run has no scale-out; {@code modes} empty when it has no HTTP scenarios.
 */
record Options(Workload workload, Scope scope, ScaleOut scaleOut, Crowd crowd, Ports ports, Node node, long seed,
               Optional<String> jfrDir) {

    /** The catalog and the wrk scenarios. */
    record Workload(int products, int duration, int warmup, int connections, int orderLines, List<String> modes,
                    List<Integer> sustainedRates, int sustainedStep) {
    }

    /** Which parts run: the HTTP scenarios, the read scenarios among them, and whether this is a scale-out alone. */
    record Scope(boolean http, boolean reads, boolean scaleOnly) {
    }

    /** The scale-out's node counts (empty: none), catalog, warm-up window and windows, CPU quota per node (cores). */
    record ScaleOut(List<Integer> nodes, int products, int warmup, int windows, Optional<String> nodeCpus) {
    }

    /** The crowd (issue 30); {@code users} empty: no crowd. Think times in seconds, "MIN-MAX". */
    record Crowd(Optional<Integer> users, int nodes, String think, int ramp, int hold) {
    }

    /** Ports the run opens; the nodes take HTTP ports from {@code http} up (postgres-direct at http + 10). */
    record Ports(int http, int pg, int discovery, int comm, int jdbc) {
        static Ports from(Map<String, String> env) {
            return new Ports(port(env, "BENCH_HTTP_PORT", 8180), port(env, "BENCH_PG_PORT", 54339),
                port(env, "BENCH_DISCOVERY_PORT", 47700), port(env, "BENCH_COMM_PORT", 47300), port(env, "BENCH_JDBC_PORT", 10900));
        }

        private static int port(Map<String, String> env, String name, int fallback) {
            String v = env.get(name);
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        }
    }

    /** Node settings the options override (else the environment's GRIDSHOP_* apply, or the node's defaults). */
    record Node(Optional<Boolean> localSessions, Optional<Boolean> escrow) {
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final java.util.Set<String> VALUED = java.util.Set.of("--products", "--duration", "--warmup",
        "--connections", "--order-lines", "--modes", "--sustained-rates", "--sustained-step", "--nodes", "--scale-products",
        "--scale-warmup", "--warmup-windows", "--node-cpus", "--crowd", "--crowd-nodes", "--think", "--crowd-ramp", "--crowd-hold");

    /** Parses the arguments as scripts/bench/run always has; throws UsageException on anything it does not know. */
    static Options parse(List<String> args, Map<String, String> env) {
        Builder b = new Builder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (b.flag(a)) {
                continue;
            }
            if (!VALUED.contains(a)) {
                throw new UsageException("unknown option " + a);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(a + " needs a value");
            }
            b.valued(a, args.get(++i));
        }
        return b.build(env);
    }

    /** The mutable state of the parse: the bash script's variables, in the order it set them. */
    private static final class Builder {
        int products = 1_000_000, duration = 30, warmup = 20, conns = 64, lines = 1_000_000, step = 45;
        String modes = "grid postgres-direct", rates = "200,300,400,500,600,700,800", scale = "1 2 3";
        boolean http = true, reads = true, scaleOnly = false, productsGiven = false;
        Integer scaleProducts, crowdUsers;
        int scaleWarmup = 30, scaleWindows = 8, crowdNodes = 2, crowdRamp = 60, crowdHold = 180;
        String nodeCpus, think = "5-15";
        Boolean localSessions, escrow;

        boolean flag(String a) {
            switch (a) {
                case "--sql-only" -> { http = false; modes = "grid"; scale = ""; }
                case "--writes-only" -> { reads = false; lines = 0; scale = ""; }
                case "--no-scale-out" -> scale = "";
                case "--random-lb" -> localSessions = false;
                case "--escrow" -> escrow = true;
                case "--no-escrow" -> escrow = false;
                default -> { return false; }
            }
            return true;
        }

        void valued(String a, String v) {
            switch (a) {
                case "--products" -> { products = integer(a, v); productsGiven = true; }
                case "--duration" -> duration = integer(a, v);
                case "--warmup" -> warmup = integer(a, v);
                case "--connections" -> conns = integer(a, v);
                case "--order-lines" -> lines = integer(a, v);
                case "--modes" -> modes = v;
                case "--sustained-rates" -> rates = v;
                case "--sustained-step" -> step = integer(a, v);
                case "--nodes" -> { scale = v; scaleOnly = true; http = false; modes = ""; lines = 0; }
                case "--scale-products" -> scaleProducts = integer(a, v);
                case "--scale-warmup" -> scaleWarmup = integer(a, v);
                case "--warmup-windows" -> scaleWindows = integer(a, v);
                case "--node-cpus" -> nodeCpus = cores(a, v);
                case "--crowd" -> { crowdUsers = integer(a, v); http = false; modes = ""; lines = 0; scale = ""; }
                case "--crowd-nodes" -> crowdNodes = integer(a, v);
                case "--think" -> think = think(a, v);
                case "--crowd-ramp" -> crowdRamp = integer(a, v);
                case "--crowd-hold" -> crowdHold = integer(a, v);
                default -> throw new UsageException("unknown option " + a);
            }
        }

        Options build(Map<String, String> env) {
            // --nodes alone: the scale-out on --products; else its own catalog, 200,000 or --products if smaller
            int scaleCatalog = scaleProducts != null ? scaleProducts : scaleOnly ? products : Math.min(products, 200_000);
            int catalog = crowdUsers != null && !productsGiven ? 200_000 : products;
            List<Integer> scaleNodes = words(scale).stream().map(w -> integer("--nodes", w)).toList();
            List<Integer> rateList = words(rates.replace(',', ' ')).stream().map(w -> integer("--sustained-rates", w)).toList();
            String jfr = env.get("BENCH_JFR");
            String seed = env.get("BENCH_SEED");
            return new Options(
                new Workload(catalog, duration, warmup, conns, lines, words(modes), rateList, step),
                new Scope(http, reads, scaleOnly),
                new ScaleOut(scaleNodes, scaleCatalog, scaleWarmup, scaleWindows, Optional.ofNullable(nodeCpus)),
                new Crowd(Optional.ofNullable(crowdUsers), crowdNodes, think, crowdRamp, crowdHold),
                Ports.from(env),
                new Node(Optional.ofNullable(localSessions), Optional.ofNullable(escrow)),
                seed == null || seed.isBlank() ? 20261202L : Long.parseLong(seed.trim()),
                jfr == null || jfr.isEmpty() ? Optional.empty() : Optional.of(jfr));
        }
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " wants a whole number, not '" + v + "'");
        }
    }

    private static String cores(String option, String v) {
        try {
            Double.parseDouble(v);
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " wants a number of cores such as 0.5, not '" + v + "'");
        }
    }

    private static String think(String option, String v) {
        if (!v.matches("\\d+(\\.\\d+)?-\\d+(\\.\\d+)?")) {
            throw new UsageException(option + " wants MIN-MAX seconds such as 5-15, not '" + v + "'");
        }
        return v;
    }

    boolean grid() {
        return workload.modes().contains("grid");
    }

    /** The effective setting for the report: the option if given, else the environment's, else the node's default. */
    static boolean effective(Optional<Boolean> option, Map<String, String> env, String variable) {
        String v = env.get(variable); // bash's ${VAR:-true} = true
        return option.orElseGet(() -> v == null || v.isEmpty() || v.equals("true"));
    }
}
