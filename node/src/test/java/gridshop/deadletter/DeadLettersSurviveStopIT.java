package gridshop.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.deadletter.DeadLetterResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write PostgreSQL refuses is acknowledged and parked as a dead letter; the grid holds its only current copy. A
 * SIGTERM of the last node and a restart must keep both: the letter is listed again and the API still serves the
 * acknowledged value, not PostgreSQL's older row. (A trigger in the test database refuses one stock level.)
 */
@Timeout(300)
class DeadLettersSurviveStopIT {
    private static final int REFUSED_LEVEL = 7;

    @Test
    void aRefusedWriteAndItsLetterSurviveASigtermOfTheLastNode() throws Exception {
        String run = "dead-letters-survive-stop-" + ProcessHandle.current().pid();
        long product = ShopFixture.inStock(70);
        try (OwnPostgres pg = OwnPostgres.start(run)) {
            Map<String, String> config = Map.of("gridshop.write-behind.spill-dir", Path.of("target", "it-spill", run).toString());
            NodeProcess node = NodeProcess.start(pg.url(), config);
            try {
                execute(pg.url(), "CREATE FUNCTION refuse_level() RETURNS trigger AS $$ BEGIN IF NEW.available = "
                    + REFUSED_LEVEL + " THEN RAISE EXCEPTION 'test trigger refuses %', NEW.product_id; END IF; RETURN NEW; "
                    + "END $$ LANGUAGE plpgsql");
                execute(pg.url(), "CREATE TRIGGER refuse_level BEFORE INSERT OR UPDATE ON inventory FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_level()");
                ShopFixture.setStock(node.http(), product, REFUSED_LEVEL);
                assertEquals(List.of(String.valueOf(product)), awaitLetterKeys(node, 1), "PostgreSQL refused the stock level");
            } finally {
                int exit = node.stop();
                assertTrue(exit == 0 || exit == 143, "a SIGTERM stop ends by itself, got " + exit + "; log: " + node.log());
            }

            NodeProcess again = NodeProcess.start(pg.url(), config);
            try {
                assertEquals(REFUSED_LEVEL, ShopFixture.stockOf(again.http(), product), "the acknowledged stock level is served");
                assertEquals(List.of(String.valueOf(product)), awaitLetterKeys(again, 1), "its dead letter is listed again");
            } finally {
                again.close();
            }
        }
    }

    /** Polls the dead letters until there are {@code n} (or 20 s pass); the keys of the last reading. */
    private static List<String> awaitLetterKeys(NodeProcess node, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> keys = letterKeys(node);
        while (keys.size() != n && System.nanoTime() < deadline) {
            Thread.sleep(200);
            keys = letterKeys(node);
        }
        return keys;
    }

    private static List<String> letterKeys(NodeProcess node) {
        return List.of(AdminClient.of(node.http()).send("/api/admin/dead-letters", "GET", "").as(DeadLetterResponse[].class))
            .stream().map(DeadLetterResponse::key).toList();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = TestDatabase.connect(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
