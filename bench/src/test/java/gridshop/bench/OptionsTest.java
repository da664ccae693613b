package gridshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options parse(String... args) {
        return Options.parse(List.of(args), Map.of());
    }

    @Test
    void defaultsAreTheFullRun() {
        Options o = parse();
        assertEquals(new Options.Workload(1_000_000, 30, 20, 64, 1_000_000, List.of("grid", "postgres-direct"),
            List.of(200, 300, 400, 500, 600, 700, 800), 45), o.workload());
        assertEquals(new Options.Scope(true, true, false), o.scope());
        assertEquals(new Options.ScaleOut(List.of(1, 2, 3), 200_000, 30, 8, Optional.empty()), o.scaleOut());
        assertEquals(new Options.Crowd(Optional.empty(), 2, "5-15", 60, 180), o.crowd());
        assertEquals(new Options.Ports(8180, 54339, 47700, 47300, 10900), o.ports());
        assertEquals(20261202L, o.seed());
        assertTrue(o.jfrDir().isEmpty());
    }

    @Test
    void shortRunWithoutScaleOut() {
        Options o = parse("--products", "20000", "--duration", "5", "--warmup", "3", "--order-lines", "20000",
            "--sustained-rates", "100,200", "--sustained-step", "10", "--no-scale-out");
        assertEquals(20000, o.workload().products());
        assertEquals(List.of(100, 200), o.workload().sustainedRates());
        assertEquals(10, o.workload().sustainedStep());
        assertTrue(o.scaleOut().nodes().isEmpty());
        assertEquals(20000, o.scaleOut().products(), "the scale-out's catalog is --products when smaller than 200,000");
    }

    @Test
    void nodesMeasuresOnlyTheScaleOutOnProducts() {
        Options o = parse("--nodes", "1 2", "--products", "20000", "--scale-warmup", "5", "--warmup-windows", "2", "--node-cpus", "0.4");
        assertEquals(new Options.Scope(false, true, true), o.scope());
        assertTrue(o.workload().modes().isEmpty());
        assertEquals(0, o.workload().orderLines());
        assertEquals(new Options.ScaleOut(List.of(1, 2), 20000, 5, 2, Optional.of("0.4")), o.scaleOut());
    }

    @Test
    void scaleProductsDefaultsTo200000AtMost() {
        assertEquals(200_000, parse("--products", "500000").scaleOut().products());
        assertEquals(50_000, parse("--scale-products", "50000").scaleOut().products());
        assertEquals(1_000_000, parse("--nodes", "3").scaleOut().products(), "--nodes alone: the scale-out on --products");
    }

    @Test
    void crowdRunsAloneOn200000ProductsUnlessTold() {
        Options o = parse("--crowd", "200", "--crowd-ramp", "10", "--crowd-hold", "20");
        assertEquals(Optional.of(200), o.crowd().users());
        assertEquals(200_000, o.workload().products());
        assertFalse(o.scope().http());
        assertTrue(o.scaleOut().nodes().isEmpty());
        assertEquals(0, o.workload().orderLines());
        assertEquals(20000, parse("--products", "20000", "--crowd", "200").workload().products());
        assertEquals(20000, parse("--crowd", "200", "--products", "20000").workload().products());
    }

    @Test
    void sqlOnlyAndWritesOnly() {
        Options sql = parse("--sql-only");
        assertEquals(List.of("grid"), sql.workload().modes());
        assertFalse(sql.scope().http());
        assertTrue(sql.scaleOut().nodes().isEmpty());
        Options writes = parse("--writes-only");
        assertFalse(writes.scope().reads());
        assertEquals(0, writes.workload().orderLines());
        assertTrue(writes.scaleOut().nodes().isEmpty());
    }

    @Test
    void nodeSettingsAndTheirEffectiveValue() {
        Options o = parse("--random-lb", "--no-escrow");
        assertEquals(Optional.of(false), o.node().localSessions());
        assertEquals(Optional.of(false), o.node().escrow());
        assertEquals(Optional.of(true), parse("--escrow").node().escrow());
        assertFalse(Options.effective(Optional.empty(), Map.of("GRIDSHOP_STOCK_ESCROW", "false"), "GRIDSHOP_STOCK_ESCROW"));
        assertTrue(Options.effective(Optional.empty(), Map.of("GRIDSHOP_STOCK_ESCROW", ""), "GRIDSHOP_STOCK_ESCROW"));
        assertTrue(Options.effective(Optional.of(true), Map.of("GRIDSHOP_STOCK_ESCROW", "false"), "GRIDSHOP_STOCK_ESCROW"));
    }

    @Test
    void environmentMovesPortsAndSeed() {
        Options o = Options.parse(List.of(), Map.of("BENCH_HTTP_PORT", "9180", "BENCH_PG_PORT", "55339",
            "BENCH_DISCOVERY_PORT", "48700", "BENCH_COMM_PORT", "48300", "BENCH_JDBC_PORT", "11900", "BENCH_SEED", "7",
            "BENCH_JFR", "/tmp/jfr"));
        assertEquals(new Options.Ports(9180, 55339, 48700, 48300, 11900), o.ports());
        assertEquals(7L, o.seed());
        assertEquals(Optional.of("/tmp/jfr"), o.jfrDir());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThrows(Options.UsageException.class, () -> parse("--bogus"));
        assertThrows(Options.UsageException.class, () -> parse("--products"));
        assertThrows(Options.UsageException.class, () -> parse("--products", "many"));
        assertThrows(Options.UsageException.class, () -> parse("--think", "5"));
        assertThrows(Options.UsageException.class, () -> parse("--node-cpus", "half"));
        assertThrows(Options.UsageException.class, () -> parse("--nodes", "1 two"));
    }
}
