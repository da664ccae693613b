import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The analyst part of scripts/bench, run as a single-file program with the node's libraries on the class path.
 *   generate PG_URL LINES       write LINES order lines (4 per order, over 30 days) into PostgreSQL, with SQL
 *   query IGNITE_URL PG_URL     time the three analyst queries on the grid (JDBC thin) and on PostgreSQL, and
 *                               check that both give the same rows; prints one BENCH-SQL line per query
 */
public final class AnalystSql {
    private static final String[][] QUERIES = {
        {"revenue by category per day",
            "SELECT category, CAST(created_at AS DATE) AS day, SUM(line_total) AS revenue FROM ORDER_LINE "
                + "GROUP BY category, CAST(created_at AS DATE) ORDER BY day, category",
            "SELECT category, (created_at AT TIME ZONE 'UTC')::date AS day, SUM(line_total) AS revenue FROM order_line "
                + "GROUP BY category, (created_at AT TIME ZONE 'UTC')::date ORDER BY day, category COLLATE \"C\""},
        {"top 10 products by revenue",
            "SELECT product_id, SUM(line_total) AS revenue FROM ORDER_LINE GROUP BY product_id "
                + "ORDER BY revenue DESC, product_id LIMIT 10",
            "SELECT product_id, SUM(line_total) AS revenue FROM order_line GROUP BY product_id "
                + "ORDER BY revenue DESC, product_id LIMIT 10"},
        {"average order value",
            "SELECT AVG(total) FROM ORDERS",
            "SELECT AVG(total) FROM orders"},
    };
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(args[1], Long.parseLong(args[2]));
            case "query" -> query(args[1], args[2]);
            default -> throw new IllegalArgumentException("generate PG_URL LINES | query IGNITE_URL PG_URL");
        }
    }

    /** Orders of 4 lines from random products, 30 days from 2026-10-01 UTC; totals summed from the lines. */
    private static void generate(String pgUrl, long lines) throws SQLException {
        long orders = lines / 4;
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pgUrl, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DELETE FROM order_line WHERE order_id LIKE 'bench-%'");
            st.execute("DELETE FROM orders WHERE order_id LIKE 'bench-%'");
            long products;
            try (ResultSet rs = st.executeQuery("SELECT max(id) FROM product")) {
                rs.next();
                products = rs.getLong(1);
            }
            st.execute("INSERT INTO orders (order_id, session_id, status, total, item_count, idempotency_key, created_at, version) "
                + "SELECT 'bench-' || g, 'bench-session-' || (g % 50000), 'PLACED', 0, 0, 'bench-' || g, "
                + "timestamptz '2026-10-01 00:00:00+00' + (g % 30) * interval '1 day' + (g * 7919 % 86400) * interval '1 second', 1 "
                + "FROM generate_series(1, " + orders + ") g");
            st.execute("INSERT INTO order_line (order_id, line_no, product_id, name, category, quantity, unit_price, line_total, created_at) "
                + "SELECT o.order_id, l, p.id, p.name, p.category, 1 + (g + l) % 3, p.price, p.price * (1 + (g + l) % 3), o.created_at "
                + "FROM generate_series(1, " + orders + ") g CROSS JOIN generate_series(1, 4) l "
                + "JOIN orders o ON o.order_id = 'bench-' || g "
                + "JOIN product p ON p.id = 1 + ((g * 4 + l) * 2654435761 % " + products + ")");
            st.execute("UPDATE orders o SET total = s.total, item_count = s.items FROM (SELECT order_id, SUM(line_total) AS total, "
                + "SUM(quantity) AS items FROM order_line WHERE order_id LIKE 'bench-%' GROUP BY order_id) s WHERE s.order_id = o.order_id");
            st.execute("ANALYZE orders");
            st.execute("ANALYZE order_line");
        }
        System.out.printf("generated %d orders, %d order lines in %.1f s%n", orders, lines, (System.nanoTime() - t0) / 1e9);
    }

    private static void query(String igniteUrl, String pgUrl) throws SQLException {
        try (Connection grid = DriverManager.getConnection(igniteUrl);
             Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
            try (Statement st = pg.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            for (String[] q : QUERIES) {
                Timed g = run(grid, q[1]);
                Timed p = run(pg, q[2]);
                boolean same = g.rows.equals(p.rows);
                System.out.printf("BENCH-SQL {\"query\":\"%s\",\"rows\":%d,\"grid_first_ms\":%.1f,\"grid_ms\":%.1f,"
                        + "\"pg_first_ms\":%.1f,\"pg_ms\":%.1f,\"same_result\":%b}%n", q[0], g.rows.size(), g.firstMs,
                    g.medianMs, p.firstMs, p.medianMs, same);
                if (!same) {
                    System.out.println("grid:       " + g.rows.subList(0, Math.min(5, g.rows.size())));
                    System.out.println("postgresql: " + p.rows.subList(0, Math.min(5, p.rows.size())));
                }
            }
        }
    }

    private record Timed(List<List<String>> rows, double firstMs, double medianMs) {
    }

    /** Runs a query RUNS times: the first time, the median, and the rows (numbers to 2 decimals). */
    private static Timed run(Connection c, String sql) throws SQLException {
        double[] ms = new double[RUNS];
        List<List<String>> rows = null;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            List<List<String>> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int col = 1; col <= md.getColumnCount(); col++) {
                        Object v = rs.getObject(col);
                        if (v instanceof java.util.Date d) {
                            v = new java.sql.Timestamp(d.getTime()).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
                        }
                        row.add(v instanceof Number n ? new BigDecimal(n.toString()).setScale(2, RoundingMode.HALF_UP).toPlainString()
                            : String.valueOf(v));
                    }
                    out.add(row);
                }
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
            rows = out;
        }
        double first = ms[0];
        Arrays.sort(ms);
        return new Timed(rows, first, ms[RUNS / 2]);
    }
}
