package gridshop.persistence.platform;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    /**
     * A migration against a PostgreSQL that is down fails with the driver's own refusal, from one direct attempt, and
     * not with the pool's "connection is not available" after its connection timeout (10 s, paid twice by a node
     * started during an outage before it joined); start-up takes it for an outage (waits, or joins a loaded cluster).
     */
    private static java.util.List<Throwable> chain(Throwable e) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    @Test
    void aMigrationAgainstAPostgresThatIsDownFailsWithTheDriversRefusal() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        try (HikariDataSource pool = Database.pool("jdbc:postgresql://127.0.0.1:" + closed + "/gridshop", "gridshop", "", 2)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Database.migrate(pool));
            assertTrue(SqlErrors.isTransient(e), "start-up must take it for an outage: " + e);
            assertTrue(chain(e).stream().anyMatch(c -> c instanceof org.postgresql.util.PSQLException),
                "the driver's refusal is the cause: " + chain(e));
            assertTrue(chain(e).stream().noneMatch(c -> String.valueOf(c.getMessage()).contains("request timed out")),
                "not the pool's wait for a connection: " + chain(e));
        }
    }
}
