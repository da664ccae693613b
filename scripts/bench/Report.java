import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines scripts/bench collected (RESULTS file) into the markdown table of docs/benchmarks.md and an
 * SVG chart of throughput and p99 per scenario and mode.
 *   java scripts/bench/Report.java RESULTS CHART.svg > table.md
 * RESULTS lines: "http SCENARIO MODE BENCH {...}", "sql BENCH-SQL {...}", "figure NAME VALUE…".
 * Exits 3 (after writing both) when a scenario had answers other than 2xx and 409 (out of stock): unexplained
 * errors, said in red in the table.
 */
public final class Report {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.]+|true|false)");

    record Http(String scenario, String mode, Map<String, String> f) {
        double seconds() { return num("duration_us") / 1e6; }
        double rps() { return num("requests") / seconds(); }
        double num(String k) { return Double.parseDouble(f.get(k)); }
        double ms(String k) { return num(k) / 1000.0; }
        long count(String k) { return f.containsKey(k) ? (long) num(k) : 0; }
    }

    public static void main(String[] args) throws Exception {
        List<Http> http = new ArrayList<>();
        List<Map<String, String>> sql = new ArrayList<>();
        List<String[]> figures = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] w = line.split(" ", 5);
            if (w[0].equals("http")) {
                http.add(new Http(w[1], w[2], fields(w[4])));
            } else if (w[0].equals("sql")) {
                sql.add(fields(line.substring(line.indexOf('{'))));
            } else if (w[0].equals("figure")) {
                figures.add(line.substring(7).split(" = ", 2));
            }
        }
        StringBuilder md = new StringBuilder();
        if (!http.isEmpty()) {
            md.append("| scenario | mode | req/s | orders/s | p50 ms | p95 ms | p99 ms | max ms | 2xx | 409 (no stock) | 400 | 404 | 503 | other 5xx | other | socket errors | grid ÷ direct |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        }
        List<String> unexplained = new ArrayList<>();
        for (Http h : http) {
            Http direct = http.stream().filter(o -> o.scenario.equals(h.scenario) && o.mode.equals("postgres-direct"))
                .findFirst().orElse(null);
            String ratio = h.mode.equals("grid") && direct != null ? String.format(Locale.ROOT, "%.1f×", h.rps() / direct.rps()) : "";
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %.2f | %.2f | %.2f | %.1f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s |%n",
                h.scenario, h.mode, h.rps(), h.num("orders") > 0 ? String.format(Locale.ROOT, "%,.0f", h.num("orders") / h.seconds()) : "",
                h.ms("p50_us"), h.ms("p95_us"), h.ms("p99_us"), h.ms("max_us"), h.count("s2xx"), h.count("s409"),
                h.count("s400"), h.count("s404"), h.count("s503"), h.count("s5xx"), h.count("sother"),
                h.count("socket_errors"), ratio));
            long bad = h.count("s400") + h.count("s404") + h.count("s503") + h.count("s5xx") + h.count("sother")
                + h.count("socket_errors");
            if (bad > 0) {
                unexplained.add(String.format(Locale.ROOT, "%s (%s): %,d of %,d answers", h.scenario, h.mode, bad,
                    (long) h.num("requests")));
            }
        }
        if (!unexplained.isEmpty()) {
            md.append("\n<b><span style=\"color:#c00\">🔴 Unexplained errors</span></b> (anything but 2xx and 409 out of stock): ")
                .append(String.join("; ", unexplained)).append(".\n");
        }
        for (Http h : http) {
            if (h.f.containsKey("idle") && h.num("idle") > 0) {
                md.append(String.format(Locale.ROOT, "%n%s (%s): %,d requests went to /health/liveness after the prepared "
                    + "sessions ran out; its orders/s is a lower bound.%n", h.scenario, h.mode, (long) h.num("idle")));
            }
        }
        if (!sql.isEmpty()) {
            md.append("\n| analyst query (docs/analyst-queries.sql) | engine in the file | nodes | rows | H2 ms: median of 5 after 3 runs (first run) | Calcite ms: median (first) | PostgreSQL ms: median (first) | same rows as PostgreSQL (H2 / Calcite) |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
            for (Map<String, String> q : sql) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s (%s) | %s (%s) | %s (%s) | %s / %s |%n",
                    q.get("query").replace("\"", ""), q.get("file_engine").replace("\"", ""), q.get("nodes"), q.get("rows"), q.get("h2_ms"), q.get("h2_first_ms"),
                    q.get("calcite_ms"), q.get("calcite_first_ms"), q.get("pg_ms"), q.get("pg_first_ms"),
                    q.get("h2_same"), q.get("calcite_same")));
            }
        }
        if (!figures.isEmpty()) {
            md.append("\n| measured | value |\n|---|---|\n");
            figures.forEach(f -> md.append("| ").append(f[0]).append(" | ").append(f.length > 1 ? f[1] : "").append(" |\n"));
        }
        System.out.print(md);
        Files.writeString(Path.of(args[1]), svg(http));
        if (!unexplained.isEmpty()) {
            System.exit(3);
        }
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        return f;
    }

    /** Two bar charts side by side: requests per second and p99 latency, one pair of bars per scenario. */
    private static String svg(List<Http> http) {
        List<String> scenarios = http.stream().map(Http::scenario).distinct().toList();
        int w = 900;
        int h = 360;
        StringBuilder s = new StringBuilder();
        s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(s, http, scenarios, 20, "throughput (requests/s)", Http::rps, "%,.0f");
        panel(s, http, scenarios, 470, "p99 latency (ms)", x -> x.ms("p99_us"), "%.1f");
        s.append("<rect x=\"330\" y=\"335\" width=\"12\" height=\"12\" fill=\"#2b7bb9\"/><text x=\"348\" y=\"346\">grid</text>\n");
        s.append("<rect x=\"400\" y=\"335\" width=\"12\" height=\"12\" fill=\"#d95f02\"/><text x=\"418\" y=\"346\">postgres-direct</text>\n");
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, List<Http> http, List<String> scenarios, int x0, String title,
                              java.util.function.ToDoubleFunction<Http> value, String fmt) {
        double max = http.stream().mapToDouble(value).max().orElse(1);
        int top = 40;
        int height = 240;
        int group = 410 / Math.max(1, scenarios.size());
        s.append(String.format("<text x=\"%d\" y=\"24\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", x0, title));
        s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", x0, top + height, x0 + 420, top + height));
        for (int i = 0; i < scenarios.size(); i++) {
            int gx = x0 + 10 + i * group;
            String[] modes = {"grid", "postgres-direct"};
            for (int m = 0; m < 2; m++) {
                String mode = modes[m];
                String sc = scenarios.get(i);
                Http r = http.stream().filter(o -> o.scenario.equals(sc) && o.mode.equals(mode)).findFirst().orElse(null);
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
            s.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", gx, top + height + 16, scenarios.get(i)));
        }
    }
}
