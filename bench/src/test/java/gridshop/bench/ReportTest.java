package gridshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    static final String DETAIL = "{\"requests\":25610,\"duration_us\":5038059,\"socket_errors\":0,\"s2xx\":25610,\"s400\":0,"
        + "\"s404\":0,\"s409\":0,\"s503\":0,\"s5xx\":0,\"sother\":0,\"orders\":0,\"idle\":0,\"started\":0,\"late\":0,"
        + "\"seed\":20261202,\"p50_us\":11532,\"p95_us\":27413,\"p99_us\":40651,\"max_us\":65511,\"mean_us\":13064.1}";

    static Summary summary(long requests, long orders, long s404, long idle) {
        return Summary.parse(DETAIL.replace("\"requests\":25610", "\"requests\":" + requests)
            .replace("\"orders\":0", "\"orders\":" + orders).replace("\"s404\":0", "\"s404\":" + s404)
            .replace("\"idle\":0", "\"idle\":" + idle));
    }

    @Test
    void wrkSummaryIsReadAsJson() {
        Summary s = Summary.parse(DETAIL);
        assertEquals(25610, s.count("requests"));
        assertEquals(5.038059, s.seconds(), 1e-9);
        assertEquals(40.651, s.ms("p99_us"), 1e-9);
        assertEquals(0, s.count("absent"));
        assertEquals(0, s.unexplained());
        assertEquals("13064.1", s.fields().get("mean_us"));
    }

    @Test
    void benchLineIsFoundInWrkOutput() {
        String out = "Running 5s test @ http://127.0.0.1:9180\n  2 threads\nBENCH " + DETAIL + "\n";
        assertEquals(DETAIL, Json.line(out, "BENCH ").orElseThrow());
        assertTrue(Json.line("no summary", "BENCH ").isEmpty());
    }

    @Test
    void tableHasARowPerScenarioAndTheRatioOfTheModes() {
        Results r = new Results();
        r.http("detail", "grid", summary(100_000, 0, 0, 0));
        r.http("detail", "postgres-direct", summary(25_000, 0, 0, 0));
        r.http("shopper", "grid", summary(5_000, 1_000, 0, 0));
        r.figures.add(new Results.Figure("grid: start-up to ready (s)", "8.6"));
        Report report = new Report(r);
        String md = report.markdown();
        assertTrue(md.startsWith("| scenario | mode | req/s | orders/s | p50 ms | p95 ms | p99 ms | max ms | 2xx | 409 (no stock) |"));
        assertTrue(md.contains("| detail | grid | 19,849 |  | 11.53 | 27.41 | 40.65 | 65.5 | 25,610 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 4.0× |"), md);
        assertTrue(md.contains("| detail | postgres-direct | 4,962 |  |"), md);
        assertTrue(md.contains("| shopper | grid | 992 | 198 |"), md);
        assertTrue(md.contains("\n| measured | value |\n|---|---|\n| grid: start-up to ready (s) | 8.6 |\n"), md);
        assertTrue(report.unexplained().isEmpty());
        assertTrue(report.svg().contains("throughput (requests/s)"));
    }

    @Test
    void unexplainedAnswersAreSaidInRed() {
        Results r = new Results();
        r.http("mix", "grid", summary(1000, 0, 3, 0));
        r.http("checkout", "grid", summary(1000, 900, 0, 12));
        Report report = new Report(r);
        String md = report.markdown();
        assertEquals(List.of("mix (grid): 3 of 1,000 answers"), report.unexplained());
        assertTrue(md.contains(Report.RED + " (anything but 2xx and 409 out of stock): mix (grid): 3 of 1,000 answers."), md);
        assertTrue(md.contains("checkout (grid): 12 requests went to /health/liveness after the prepared sessions ran out"), md);
    }

    @Test
    void analystRowsKeepTheFiguresAsPrinted() {
        Map<String, String> q = Json.fieldsAsWritten("{\"query\":\"revenue by day\",\"nodes\":2,\"rows\":30,\"pg_first_ms\":12.0,"
            + "\"pg_ms\":8.50,\"file_engine\":\"calcite\",\"h2_first_ms\":40.1,\"h2_ms\":20.0,\"h2_same\":true,"
            + "\"calcite_first_ms\":900.3,\"calcite_ms\":30.2,\"calcite_same\":false}");
        Results r = new Results();
        r.sql.add(q);
        String md = new Report(r).markdown();
        assertTrue(md.contains("| revenue by day | calcite | 2 | 30 | 20.0 (40.1) | 30.2 (900.3) | 8.50 (12.0) | true / false |"), md);
        r.sql.add(Json.fieldsAsWritten("{\"query\":\"conversion\",\"nodes\":1,\"rows\":1,\"pg_first_ms\":10.6,\"pg_ms\":10.4,"
            + "\"file_engine\":\"calcite\",\"h2_first_ms\":419.7,\"h2_ms\":126.3,\"h2_same\":true,\"calcite_ms\":\"fails\","
            + "\"calcite_same\":false}"));
        assertTrue(new Report(r).markdown().contains("| conversion | calcite | 1 | 1 | 126.3 (419.7) | \"fails\" (null) | 10.4 (10.6) | true / false |"));
    }

    @Test
    void topologyGivesEachNodeItsShare() {
        String json = "{\"clusterState\":\"ACTIVE\",\"nodes\":[{\"httpPort\":9181,\"heapUsed\":209715200,\"offHeapUsed\":104857600,"
            + "\"primaryPartitions\":512,\"caches\":{\"products\":{\"primary\":10,\"backup\":30}}},"
            + "{\"httpPort\":9180,\"heapUsed\":1048576,\"offHeapUsed\":0,\"primaryPartitions\":512,"
            + "\"caches\":{\"products\":{\"primary\":30,\"backup\":10},\"carts\":{\"primary\":20,\"backup\":0}}}]}";
        List<Topology.NodeData> nodes = Topology.parse(json);
        assertEquals(List.of(9180, 9181), nodes.stream().map(Topology.NodeData::port).toList());
        assertEquals("1, 0, 512, 60 (0.600)", nodes.get(0).row());
        assertEquals("200, 100, 512, 40 (0.400)", nodes.get(1).row());
    }

    @Test
    void readinessMetricsAndPages() {
        assertEquals(42, Nodes.pendingIn("{\"status\":\"DOWN\",\"details\":{\"writes\":{\"details\":{\"pendingWrites\":42}}}}").getAsLong());
        assertTrue(Nodes.pendingIn("not json").isEmpty());
        String metrics = "# HELP x\ngridshop_catalog_searches_total{result=\"hit\"} 30.0\n"
            + "gridshop_catalog_searches_total{result=\"miss\"} 10.0\ngridshop_flush_rows_total{cache=\"a\"} 5\n"
            + "gridshop_flush_rows_total{cache=\"b\"} 7\ngridshop_writes_oldest_pending_seconds{c=\"a\"} 1.5\n"
            + "gridshop_writes_oldest_pending_seconds{c=\"b\"} 0.5\n";
        assertEquals(30, Metrics.sum(metrics, "gridshop_catalog_searches_total", "result=\"hit\""));
        assertEquals(12, Metrics.sum(metrics, "gridshop_flush_rows_total", null));
        assertEquals(1.5, Metrics.max(metrics, "gridshop_writes_oldest_pending_seconds"));
        assertTrue(AnalystRun.found("{\"items\":[{\"id\":5},{\"id\":10017,\"price\":12.5}],\"total\":2}", 10017));
        assertTrue(!AnalystRun.found("{\"items\":[{\"id\":100170}]}", 10017));
    }
}
