package gridshop.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** wrk with a Lua scenario of scripts/bench against one node; the scenario prints its summary as "BENCH {…}". */
final class Wrk {
    private final Workspace ws;
    private final long seed;

    Wrk(Workspace ws, long seed) {
        this.ws = ws;
        this.seed = seed;
    }

    /** A run's settings: the scenario's catalog size, its seed, and any further BENCH_* variables. */
    record Load(String scenario, int port, int threads, int connections, int seconds, int products, long seed,
                Map<String, String> extra) {
    }

    Load load(String scenario, int port, int threads, int connections, int seconds, int products) {
        return new Load(scenario, port, threads, connections, seconds, products, seed, Map.of());
    }

    Summary run(Load l) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BENCH_LUA", ws.lua().toString());
        env.put("BENCH_PRODUCTS", String.valueOf(l.products()));
        env.put("BENCH_SESSIONS", ws.sessions().toString());
        env.put("BENCH_SEED", String.valueOf(l.seed()));
        env.put("BENCH_VOCABULARY", ws.vocabulary().toString());
        env.putAll(l.extra());
        List<String> cmd = List.of("wrk", "-t" + l.threads(), "-c" + l.connections(), "-d" + l.seconds() + "s", "--timeout", "10s",
            "-s", "scripts/bench/" + l.scenario() + ".lua", Http.url(l.port()));
        String out = Processes.run(cmd, env, ws.root()).out();
        return Summary.parse(Json.line(out, "BENCH ").orElseThrow(() ->
            new BenchException("wrk " + l.scenario() + " on :" + l.port() + " printed no BENCH line:\n" + out)));
    }
}
