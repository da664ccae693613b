package gridshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The tables of docs/bench/results.md (and of the scale-out's and the SQL run's reports) from what the run measured,
 * and an SVG chart of throughput and p99 per scenario and mode. {@link #unexplained()} lists the scenarios that had
 * answers other than 2xx and 409 (out of stock): said in red in the table, and the run exits 3.
 */
final class Report {
    static final String RED = "<b><span style=\"color:#c00\">🔴 Unexplained errors</span></b>";
    private final Results results;
    private final List<String> unexplained = new ArrayList<>();

    Report(Results results) {
        this.results = results;
    }

    List<String> unexplained() {
        return unexplained;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        httpTable(md);
        sqlTable(md);
        if (!results.figures.isEmpty()) {
            md.append("\n| measured | value |\n|---|---|\n");
            results.figures.forEach(f -> md.append("| ").append(f.name()).append(" | ").append(f.value()).append(" |\n"));
        }
        return md.toString();
    }

    private void httpTable(StringBuilder md) {
        List<Results.Http> http = results.http;
        if (!http.isEmpty()) {
            md.append("| scenario | mode | req/s | orders/s | p50 ms | p95 ms | p99 ms | max ms | 2xx | 409 (no stock) | 400 | 404 | 503 | other 5xx | other | socket errors | grid ÷ direct |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        }
        for (Results.Http r : http) {
            Summary h = r.summary();
            Summary direct = http.stream().filter(o -> o.scenario().equals(r.scenario()) && o.mode().equals("postgres-direct"))
                .map(Results.Http::summary).findFirst().orElse(null);
            String ratio = r.mode().equals("grid") && direct != null ? String.format(Locale.ROOT, "%.1f×", h.rps() / direct.rps()) : "";
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %.2f | %.2f | %.2f | %.1f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s |%n",
                r.scenario(), r.mode(), h.rps(), h.num("orders") > 0 ? String.format(Locale.ROOT, "%,.0f", h.num("orders") / h.seconds()) : "",
                h.ms("p50_us"), h.ms("p95_us"), h.ms("p99_us"), h.ms("max_us"), h.count("s2xx"), h.count("s409"),
                h.count("s400"), h.count("s404"), h.count("s503"), h.count("s5xx"), h.count("sother"),
                h.count("socket_errors"), ratio));
            if (h.unexplained() > 0) {
                unexplained.add(String.format(Locale.ROOT, "%s (%s): %,d of %,d answers", r.scenario(), r.mode(), h.unexplained(),
                    (long) h.num("requests")));
            }
        }
        if (!unexplained.isEmpty()) {
            md.append("\n").append(RED).append(" (anything but 2xx and 409 out of stock): ")
                .append(String.join("; ", unexplained)).append(".\n");
        }
        for (Results.Http r : http) {
            if (r.summary().has("idle") && r.summary().num("idle") > 0) {
                md.append(String.format(Locale.ROOT, "%n%s (%s): %,d requests went to /health/liveness after the prepared "
                    + "sessions ran out; its orders/s is a lower bound.%n", r.scenario(), r.mode(), (long) r.summary().num("idle")));
            }
        }
    }

    private void sqlTable(StringBuilder md) {
        if (results.sql.isEmpty()) {
            return;
        }
        md.append("\n| analyst query (docs/analyst-queries.sql) | engine in the file | nodes | rows | H2 ms: median of 5 after 3 runs (first run) | Calcite ms: median (first) | PostgreSQL ms: median (first) | same rows as PostgreSQL (H2 / Calcite) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        // The figures as AnalystSql wrote them: a query that fails on an engine shows "fails" (null), as it always has.
        for (Map<String, String> q : results.sql) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s (%s) | %s (%s) | %s (%s) | %s / %s |%n",
                unquoted(q.get("query")), unquoted(q.get("file_engine")), q.get("nodes"), q.get("rows"), q.get("h2_ms"), q.get("h2_first_ms"),
                q.get("calcite_ms"), q.get("calcite_first_ms"), q.get("pg_ms"), q.get("pg_first_ms"),
                q.get("h2_same"), q.get("calcite_same")));
        }
    }

    private static String unquoted(String s) {
        return s == null ? null : s.replace("\"", "");
    }

    /** Two bar charts side by side: requests per second and p99 latency, one pair of bars per scenario. */
    String svg() {
        List<Results.Http> http = results.http;
        List<String> scenarios = http.stream().map(Results.Http::scenario).distinct().toList();
        StringBuilder s = new StringBuilder();
        s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", 900, 360));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(s, http, scenarios, 20, "throughput (requests/s)", x -> x.summary().rps(), "%,.0f");
        panel(s, http, scenarios, 470, "p99 latency (ms)", x -> x.summary().ms("p99_us"), "%.1f");
        s.append("<rect x=\"330\" y=\"335\" width=\"12\" height=\"12\" fill=\"#2b7bb9\"/><text x=\"348\" y=\"346\">grid</text>\n");
        s.append("<rect x=\"400\" y=\"335\" width=\"12\" height=\"12\" fill=\"#d95f02\"/><text x=\"418\" y=\"346\">postgres-direct</text>\n");
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, List<Results.Http> http, List<String> scenarios, int x0, String title,
                              ToDoubleFunction<Results.Http> value, String fmt) {
        double max = http.stream().mapToDouble(value).max().orElse(1);
        int top = 40;
        int height = 240;
        int group = 410 / Math.max(1, scenarios.size());
        s.append(String.format("<text x=\"%d\" y=\"24\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", x0, title));
        s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", x0, top + height, x0 + 420, top + height));
        String[] modes = {"grid", "postgres-direct"};
        for (int i = 0; i < scenarios.size(); i++) {
            int gx = x0 + 10 + i * group;
            String sc = scenarios.get(i);
            for (int m = 0; m < 2; m++) {
                String mode = modes[m];
                Results.Http r = http.stream().filter(o -> o.scenario().equals(sc) && o.mode().equals(mode)).findFirst().orElse(null);
                if (r == null) {
                    continue;
                }
                double v = value.applyAsDouble(r);
                int bh = (int) Math.round(height * v / max);
                int bx = gx + m * (group / 2 - 4);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    bx, top + height - bh, group / 2 - 8, bh, m == 0 ? "#2b7bb9" : "#d95f02"));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>%n", bx, top + height - bh - 3,
                    String.format(Locale.ROOT, fmt, v)));
            }
            s.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", gx, top + height + 16, sc));
        }
    }
}
