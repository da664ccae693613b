package gridshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's exit: 3 on answers other than 2xx and 409, in a wrk scenario or in the scale-out; 0 otherwise. */
class ReportFileTest {
    @TempDir
    Path root;

    private Bench bench(String... args) throws Exception {
        Files.createDirectories(root.resolve("docs/bench"));
        Files.createDirectories(root.resolve("data/bench"));
        return new Bench(Options.parse(List.of(args), Map.of()), Map.of(), Workspace.at(root));
    }

    private int write(Bench b, List<String> scaleUnexplained) {
        return new ReportFile(b, new CpuQuota(b.o.scaleOut().nodeCpus())).write(scaleUnexplained);
    }

    @Test
    void everyAnswerExplainedExitsZero() throws Exception {
        Bench b = bench("--products", "20000", "--no-scale-out");
        b.results.http("detail", "grid", ReportTest.summary(1000, 0, 0, 0));
        assertEquals(0, write(b, List.of()));
        String md = Files.readString(root.resolve("docs/bench/results.md"));
        assertTrue(md.contains("Command: `scripts/bench/run --products 20000 --duration 30 --connections 64 --order-lines 1000000 --no-scale-out`"), md);
        assertTrue(Files.exists(root.resolve("docs/bench/chart.svg")));
    }

    @Test
    void aScenarioWithA404ExitsThree() throws Exception {
        Bench b = bench("--products", "20000", "--no-scale-out");
        b.results.http("mix", "grid", ReportTest.summary(1000, 0, 5, 0));
        assertEquals(3, write(b, List.of()));
        assertTrue(Files.readString(root.resolve("docs/bench/results.md")).contains(Report.RED + " (anything but 2xx and 409"));
    }

    @Test
    void theScaleOutsUnexplainedAnswersExitThreeInItsOwnReport() throws Exception {
        Bench b = bench("--nodes", "1 2", "--products", "20000", "--node-cpus", "0.4");
        assertEquals(3, write(b, List.of("1 node(s), shopper: 5 answers", "2 node(s), shopper: 7 answers")));
        String md = Files.readString(root.resolve("docs/bench/scale-results.md"));
        assertTrue(md.contains(Report.RED + " (scale-out): 1 node(s), shopper: 5 answers;2 node(s), shopper: 7 answers."), md);
        assertTrue(md.contains("Command: `scripts/bench/run --nodes \"1 2\" --products 20000 --duration 30 --scale-warmup 30 "
            + "--warmup-windows 8 --node-cpus 0.4`"), md);
        assertTrue(Files.notExists(root.resolve("docs/bench/results.md")), "--nodes leaves the full run's report alone");
    }
}
