package gridshop.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.SqlScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code scripts/sql} against a running node (its JDBC port through GRIDSHOP_JDBC_URL): {@code --csv -e} prints a
 * header row, then the rows, and nothing else on stdout; without {@code --csv} a table; a join of tables that are
 * not colocated (order lines with products) counts every line.
 */
@Timeout(300)
class SqlScriptIT {
    @Test
    void sqlScriptRunsQueriesAndPrintsCsv() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("sql-script");
             NodeProcess node = NodeProcess.start(pg.url(), Map.of())) {
            String url = "jdbc:ignite:thin://127.0.0.1:" + NodeProcess.JDBC_PORT + "?distributedJoins=true";
            assertEquals(List.of("\"N\"", "\"200\""), SqlScript.run(url, "--csv", "-e", "SELECT COUNT(*) AS n FROM PRODUCT"));
            List<String> categories = SqlScript.run(url, "--csv", "-e",
                "SELECT category, COUNT(*) AS n FROM PRODUCT GROUP BY category ORDER BY category");
            assertEquals("\"CATEGORY\",\"N\"", categories.get(0));
            assertEquals(200, categories.stream().skip(1)
                .mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(",\"") + 2, l.length() - 1))).sum());
            List<String> table = SqlScript.run(url, "-e", "SELECT COUNT(*) AS n FROM INVENTORY");
            assertTrue(table.stream().anyMatch(l -> l.matches("\\|\\s*200\\s*\\|")), String.join("\n", table));
        }
    }
}
