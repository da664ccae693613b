import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analyst part of scripts/bench, run as a single-file program with the node's libraries on the class path.
 *   generate PG_URL LINES       write LINES order lines (4 per order, over 30 days) into PostgreSQL, with SQL, in
 *                               place of the orders there were, and count each product's sales again
 *   query IGNITE_URL USER PASSWORD PG_URL NODES
 *                               time every query of docs/analyst-queries.sql on the grid (JDBC thin, on each SQL
 *                               engine) and on PostgreSQL, and check that each gives PostgreSQL's rows; prints
 *                               one BENCH-SQL line per query
 */
public final class AnalystSql {
    /** Each query runs once (the first run: a fresh node's JIT has not compiled the scan yet), twice more
     *  untimed, then RUNS times for the median: the figure of a node that has run queries before. */
    private static final int RUNS = 5;
    private static final int WARMUP = 2;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(args[1], Long.parseLong(args[2]));
            case "query" -> query(args[1], args[2], args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException("generate PG_URL LINES | query IGNITE_URL USER PASSWORD PG_URL NODES");
        }
    }

    /** Orders of 4 lines from random products, 30 days from 2026-10-01 UTC; totals summed from the lines. */
    private static void generate(String pgUrl, long lines) throws SQLException {
        long orders = lines / 4;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", ""); Statement st = c.createStatement()) {
            // Exactly LINES order lines: the orders the shop scenarios placed before this part go (their sessions
            // stay, without orders), and each product's sales are counted again below.
            st.execute("TRUNCATE order_line, orders");
            long products;
            try (ResultSet rs = st.executeQuery("SELECT max(id) FROM product")) {
                rs.next();
                products = rs.getLong(1);
            }
            st.execute("INSERT INTO orders (order_id, session_id, status, total, item_count, idempotency_key, created_at, version) "
                + "SELECT 'bench-' || g, 'bench-session-' || (g % 50000), 'PLACED', 0, 0, 'bench-' || g, "
                + "timestamptz '2026-10-01 00:00:00+00' + (g % 30) * interval '1 day' + (g * 7919 % 86400) * interval '1 second', 1 "
                + "FROM generate_series(1, " + orders + ") g");
            st.execute("INSERT INTO order_line (order_id, line_no, product_id, name, category, brand, quantity, unit_price, "
                + "line_total, created_at) "
                + "SELECT o.order_id, l, p.id, p.name, p.category, p.brand, 1 + (g + l) % 3, p.price, p.price * (1 + (g + l) % 3), "
                + "o.created_at "
                + "FROM generate_series(1, " + orders + ") g CROSS JOIN generate_series(1, 4) l "
                + "JOIN orders o ON o.order_id = 'bench-' || g "
                + "JOIN product p ON p.id = 1 + ((g * 4 + l) * 2654435761 % " + products + ")");
            st.execute("UPDATE orders o SET total = s.total, item_count = s.items FROM (SELECT order_id, SUM(line_total) AS total, "
                + "SUM(quantity) AS items FROM order_line WHERE order_id LIKE 'bench-%' GROUP BY order_id) s WHERE s.order_id = o.order_id");
            // What checkout keeps up on each product's inventory row: the sums of its order lines (all of them,
            // generated or placed through the shop).
            st.execute("UPDATE inventory i SET units_sold = COALESCE(s.units, 0), revenue = COALESCE(s.revenue, 0), "
                + "version = i.version + 1 FROM (SELECT p.id, l.units, l.revenue FROM product p LEFT JOIN (SELECT product_id, "
                + "SUM(quantity) AS units, SUM(line_total) AS revenue FROM order_line GROUP BY product_id) l "
                + "ON l.product_id = p.id) s WHERE s.id = i.product_id AND (i.units_sold, i.revenue) "
                + "IS DISTINCT FROM (COALESCE(s.units, 0), COALESCE(s.revenue, 0))");
            st.execute("ANALYZE orders");
            st.execute("ANALYZE order_line");
            st.execute("ANALYZE inventory");
        }
        System.out.printf("generated %d orders, %d order lines in %.1f s%n", orders, lines, (System.nanoTime() - t0) / 1e9);
    }

    private static final String[] ENGINES = {"h2", "calcite"};
    /** The file's engine hint: stripped, so that each engine is timed on each query. */
    private static final java.util.regex.Pattern HINT =
        java.util.regex.Pattern.compile("/\\*\\+\\s*QUERY_ENGINE\\('([a-z0-9]+)'\\)\\s*\\*/ ?");

    private static void query(String igniteUrl, String user, String password, String pgUrl, String nodes)
        throws Exception {
        Map<String, String> queries = load(Path.of("docs", "analyst-queries.sql"));
        try (Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
            try (Statement st = pg.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Timed p = run(pg, q.getValue());
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "BENCH-SQL {\"query\":\"%s\",\"nodes\":%s,\"rows\":%d,\"pg_first_ms\":%.1f,\"pg_ms\":%.1f",
                    q.getKey(), nodes, p.rows.size(), p.firstMs, p.medianMs));
                java.util.regex.Matcher hint = HINT.matcher(q.getValue());
                line.append(",\"file_engine\":\"").append(hint.find() ? hint.group(1) : "calcite").append('"');
                for (String engine : ENGINES) {
                    try (Connection grid = DriverManager.getConnection(
                        igniteUrl + "?distributedJoins=true&queryEngine=" + engine, user, password)) {
                        Timed g = run(grid, HINT.matcher(q.getValue()).replaceAll(""));
                        line.append(String.format(Locale.ROOT, ",\"%s_first_ms\":%.1f,\"%s_ms\":%.1f,\"%s_same\":%b",
                            engine, g.firstMs, engine, g.medianMs, engine, g.rows.equals(p.rows)));
                        if (!g.rows.equals(p.rows)) {
                            System.out.println(engine + " " + q.getKey() + " grid:       " + g.rows.subList(0, Math.min(5, g.rows.size())));
                            System.out.println(engine + " " + q.getKey() + " postgresql: " + p.rows.subList(0, Math.min(5, p.rows.size())));
                        }
                    } catch (SQLException e) {
                        line.append(String.format(Locale.ROOT, ",\"%s_ms\":\"fails\",\"%s_same\":false", engine, engine));
                        System.out.println(engine + " " + q.getKey() + ": " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
                System.out.println(line.append('}'));
            }
        }
    }

    /** name → SQL, as AnalystQueriesTest reads the file: "-- name: x" starts a query, its ";" ends it. */
    private static Map<String, String> load(Path file) throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-- name:")) {
                name = line.substring("-- name:".length()).trim();
            } else if (name != null && !line.startsWith("--") && !line.isBlank()) {
                sql.append(line).append('\n');
                if (line.trim().endsWith(";")) {
                    queries.put(name, sql.toString().trim().replaceAll(";$", ""));
                    name = null;
                    sql.setLength(0);
                }
            }
        }
        return queries;
    }

    private record Timed(List<List<String>> rows, double firstMs, double medianMs) {
    }

    /** Runs a query 1 + WARMUP + RUNS times: the first time, the median of the last RUNS, and the rows (exact
     *  numbers, ISO days). */
    private static Timed run(Connection c, String sql) throws SQLException {
        double first = 0;
        double[] ms = new double[RUNS];
        List<List<String>> rows = null;
        for (int i = 0; i < 1 + WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            List<List<String>> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        Object v = rs.getObject(col);
                        row.add(v instanceof java.sql.Date d ? d.toLocalDate().toString()
                            : v instanceof java.util.Date d ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
                            : v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                            : String.valueOf(v));
                    }
                    out.add(row);
                }
            }
            double took = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
                first = took;
            } else if (i > WARMUP) {
                ms[i - 1 - WARMUP] = took;
            }
            rows = out;
        }
        Arrays.sort(ms);
        return new Timed(rows, first, ms[RUNS / 2]);
    }
}
