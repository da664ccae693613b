package gridshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutRunTest {
    @Test
    void aWindowSumsTheNodesAndTakesTheWorstP99() {
        Summary a = Summary.parse("{\"requests\":1000,\"duration_us\":5000000,\"s2xx\":990,\"s409\":8,\"s503\":2,"
            + "\"socket_errors\":0,\"orders\":100,\"p99_us\":12000}");
        Summary b = Summary.parse("{\"requests\":3000,\"duration_us\":5100000,\"s2xx\":3000,\"s409\":0,\"orders\":300,\"p99_us\":9000}");
        ScaleOutRun.Window w = ScaleOutRun.window(List.of(a, b), 8.0, 0.8, 2000);
        assertEquals(4000, w.requests());
        assertEquals(400, w.orders());
        assertEquals(5.1, w.seconds(), 1e-9);
        assertEquals(12.0, w.p99Ms(), 1e-9);
        assertEquals(2, w.bad());
        assertEquals(2.0, w.cpuPerRequest(), 1e-9);
        assertEquals(10, w.jitShare());
        assertEquals(0.5, w.messagesPerRequest(), 1e-9);
    }

    @Test
    void quietOnlyWithNothingUnsettledNoLendingAndNothingPending() {
        String settled = "# TYPE gridshop_stock_unsettled_slices gauge\ngridshop_stock_unsettled_slices 0.0\n";
        String selling = "gridshop_stock_unsettled_slices 37.0\n";
        assertTrue(ScaleOutRun.quiet(settled, java.util.OptionalLong.of(0)));
        assertFalse(ScaleOutRun.quiet(selling, java.util.OptionalLong.of(0)), "sales not yet settled");
        assertFalse(ScaleOutRun.quiet(settled, java.util.OptionalLong.of(12)), "writes waiting for PostgreSQL");
        assertFalse(ScaleOutRun.quiet(settled, java.util.OptionalLong.empty()), "no answer from readiness");
        assertFalse(ScaleOutRun.quiet("", java.util.OptionalLong.of(0)), "no answer from the metrics");
        assertFalse(ScaleOutRun.quiet(settled + "gridshop_stock_lend_fill_partitions 12.0\n", java.util.OptionalLong.of(0)),
            "the lane fill not over");
        assertFalse(ScaleOutRun.quiet(settled + "gridshop_stock_lend_wanted 3.0\n", java.util.OptionalLong.of(0)),
            "lends asked and not yet looked at");
        assertTrue(ScaleOutRun.quiet(settled + "gridshop_stock_lend_fill_partitions 0.0\ngridshop_stock_lend_wanted 0.0\n",
            java.util.OptionalLong.of(0)));
    }

    @Test
    void steadyWithinTenPerCent() {
        assertTrue(ScaleOutRun.steady(1.05, 1.0));
        assertFalse(ScaleOutRun.steady(1.2, 1.0));
        assertFalse(ScaleOutRun.steady(1.0, 0.0));
    }

    @Test
    void messageTypesPerRequestMostFirst() {
        Map<String, Long> before = Map.of("o.a.i.GridNearGetRequest", 100L, "o.a.i.Rare", 0L);
        Map<String, Long> after = Map.of("o.a.i.GridNearGetRequest", 1100L, "o.a.i.Rare", 10L, "o.a.i.GridDhtTxPrepareRequest", 2000L);
        assertEquals("GridDhtTxPrepareRequest 2.00, GridNearGetRequest 1.00", ScaleOutRun.perRequest(before, after, 1000));
        Map<String, Long> pair = Map.of("o.a.i.GridDhtTxPrepareRequest", 1060L, "o.a.i.GridDhtTxPrepareResponse", 1060L,
            "o.a.i.GridJobExecuteRequest", 90L);
        assertEquals("GridDhtTxPrepareResponse 1.06, GridDhtTxPrepareRequest 1.06, GridJobExecuteRequest 0.09",
            ScaleOutRun.perRequest(Map.of(), pair, 1000));
    }

    @Test
    void quotaIsCoresTimesThePeriod() {
        assertEquals(40_000, CpuQuota.quotaUs("0.4"));
        assertEquals(150_000, CpuQuota.quotaUs("1.5"));
    }
}
