package gridshop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.analyst.AnalystData;
import gridshop.api.report.ReportResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the node computing reports: the other node finishes every one of them (none is lost, none is
 * FAILED), with the right rows, and those it took over say so ({@code attempts} 2). Separate JVMs.
 */
@Timeout(300)
class ReportTakeoverIT {

    @Test
    void theOtherNodeFinishesTheReportsOfANodeKilledMidway() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("report-takeover")) {
            AnalystData.generate(AnalystData.dataSource(pg.url()), 40_000);
            try (NodeProcess a = NodeProcess.start(pg.url(), Map.of());
                 NodeProcess b = NodeProcess.start(pg.url(), Map.of())) {
                AdminClient admin = AdminClient.of(a.http());
                List<String> locations = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    Reply r = admin.send("/api/reports", "POST", "{\"type\":\"top-products\",\"to\":\"" + Instant.now() + "\"}");
                    assertEquals(202, r.status(), r.body());
                    locations.add(r.headers().firstValue("Location").orElseThrow());
                }
                a.kill9();
                List<List<String>> expected = ReportApiTest.postgresRows(pg.url(), "SELECT product_id, SUM(line_total), "
                    + "SUM(quantity) FROM order_line GROUP BY product_id ORDER BY 2 DESC, product_id LIMIT 10");
                int takenOver = 0;
                for (String location : locations) {
                    ReportResponse r = ReportApiTest.awaitDone(b.http(), location);
                    assertEquals("DONE", r.status(), location + ": " + r.error());
                    assertEquals(expected, ReportApiTest.text(r.rows()), location);
                    takenOver += r.attempts() > 1 ? 1 : 0;
                }
                assertTrue(takenOver > 0, "some reports were still to compute when their node was killed");
            }
        }
    }
}
