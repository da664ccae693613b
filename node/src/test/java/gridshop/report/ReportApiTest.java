package gridshop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.analyst.AnalystData;
import gridshop.api.report.ReportResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopClient.Reply;
import gridshop.platform.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report lifecycle on two nodes: asked for on one (202 with its Location), DONE on the other with the rows
 * PostgreSQL gives for the same period; bad types, periods and ids are 4xx problems; no token is a 401.
 */
class ReportApiTest {
    private static GridFixture grid;
    private static String dbUrl;
    private static AdminClient admin;
    private static ShopClient other;

    @BeforeAll
    static void start() throws Exception {
        dbUrl = TestDatabase.freshUrl();
        AnalystData.generate(AnalystData.dataSource(dbUrl), 1200);
        grid = GridFixture.nodes(2, dbUrl, Map.of());
        admin = AdminClient.of(grid.node(0).http());
        other = grid.node(1).http();
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void aReportAskedOnOneNodeIsDoneOnTheOtherWithPostgresqlsRows() throws Exception {
        Instant from = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant to = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Reply created = admin.send("/api/reports", "POST",
            "{\"type\":\"top-products\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertEquals(202, created.status(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        ReportResponse first = created.as(ReportResponse.class);
        assertEquals("/api/reports/" + first.id(), location);
        assertTrue(List.of("PENDING", "RUNNING", "DONE").contains(first.status()), first.status());

        ReportResponse done = awaitDone(other, location);
        assertEquals("DONE", done.status());
        assertEquals(List.of("product_id", "revenue", "units"), done.columns());
        assertEquals(postgres("SELECT product_id, SUM(line_total), SUM(quantity) FROM order_line WHERE created_at >= ? "
            + "AND created_at < ? GROUP BY product_id ORDER BY 2 DESC, product_id LIMIT 10", from, to), text(done.rows()));
        assertEquals(10, done.rows().size());
        assertEquals(from, done.from());
        assertEquals(1, done.attempts());
    }

    @Test
    void everyReportTypeCompletesWithoutAPeriod() throws Exception {
        for (String type : List.of("revenue-by-category", "top-products", "cart-abandonment")) {
            Reply created = admin.send("/api/reports", "POST", "{\"type\":\"" + type + "\"}");
            assertEquals(202, created.status(), created.body());
            ReportResponse done = awaitDone(other, created.headers().firstValue("Location").orElseThrow());
            assertEquals("DONE", done.status(), type + ": " + done.error());
            assertTrue(!done.rows().isEmpty(), type);
        }
        Reply carts = admin.send("/api/reports", "POST", "{\"type\":\"cart-abandonment\"}");
        ReportResponse abandoned = awaitDone(other, carts.headers().firstValue("Location").orElseThrow());
        assertEquals(List.of("abandoned_carts", "value_at_risk", "items"), abandoned.columns());
        assertEquals("60", text(abandoned.rows()).get(0).get(0), "the 60 carts untouched for two hours");
    }

    @Test
    void badRequestsAreProblems() {
        assertProblem(admin.send("/api/reports", "POST", "{\"type\":\"churn\"}"), 400, "churn");
        assertProblem(admin.send("/api/reports", "POST", "{}"), 400, "type must not be null");
        assertProblem(admin.send("/api/reports", "POST", "{\"type\":\"top-products\",\"from\":\"yesterday\"}"), 400, "from");
        assertProblem(admin.send("/api/reports", "POST",
            "{\"type\":\"top-products\",\"from\":\"2026-11-02T00:00:00Z\",\"to\":\"2026-11-01T00:00:00Z\"}"), 400, "before");
        assertProblem(other.get("/api/reports/no-such-report", AdminClient.TOKEN), 404, "no-such-report");
        assertProblem(new AdminClient(other, null).send("/api/reports", "POST", "{\"type\":\"top-products\"}"), 401, "admin");
        assertProblem(other.get("/api/reports/x"), 401, "admin");
        assertProblem(other.get("/api/reports/x", "test-ops-token"), 401, "admin");
    }

    private static void assertProblem(Reply r, int status, String detail) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(r.body().contains(detail), r.body());
    }

    static ReportResponse awaitDone(ShopClient http, String location) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ReportResponse r;
        do {
            Thread.sleep(50);
            Reply reply = http.get(location, AdminClient.TOKEN);
            assertEquals(200, reply.status(), reply.body());
            r = reply.as(ReportResponse.class);
        } while (!(r.status().equals("DONE") || r.status().equals("FAILED")) && System.nanoTime() < until);
        return r;
    }

    /** Rows as text, numbers without trailing zeros: the form both sides compare in. */
    static List<List<String>> text(List<List<Object>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            out.add(row.stream().map(v -> v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros()
                .toPlainString() : String.valueOf(v)).toList());
        }
        return out;
    }

    static List<List<String>> postgres(String sql, Instant from, Instant to) throws Exception {
        return postgresRows(dbUrl, sql, Timestamp.from(from), Timestamp.from(to));
    }

    static List<List<String>> postgresRows(String url, String sql, Object... args) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return text(rows);
    }
}
