package gridshop.analyst;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named queries of docs/analyst-queries.sql, and their rows in a form two databases can be compared by. */
final class AnalystQueries {
    static final Path FILE = Path.of("..", "docs", "analyst-queries.sql");

    private AnalystQueries() {
    }

    /** name → SQL, in file order: each "-- name: x" starts a query, which ends at its ";". */
    static Map<String, String> load() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(FILE)) {
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

    /** The query without its engine hint (which overrides the connection's queryEngine). */
    static String withoutHint(String sql) {
        return sql.replaceAll("/\\*\\+\\s*QUERY_ENGINE\\('[a-z0-9]+'\\)\\s*\\*/ ?", "");
    }

    /**
     * The rows, each value as text: numbers without trailing zeros, dates as ISO days (PostgreSQL's driver
     * gives a java.sql.Date, Ignite's thin driver a java.util.Date at midnight UTC).
     */
    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int col = 1; col <= md.getColumnCount(); col++) {
                    Object v = rs.getObject(col);
                    row.add(v instanceof Date d ? d.toLocalDate().toString()
                        : v instanceof java.util.Date d ? d.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()
                        : v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                        : String.valueOf(v));
                }
                out.add(row);
            }
        }
        return out;
    }
}
