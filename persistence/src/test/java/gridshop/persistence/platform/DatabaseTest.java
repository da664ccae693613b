package gridshop.persistence.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    /**
     * A migration against a PostgreSQL that is down fails with the driver's own refusal, from one direct attempt, and
     * not with the pool's "connection is not available" after its connection timeout (10 s, paid twice by a node
     * started during an outage before it joined); start-up takes it for an outage (waits, or joins a loaded cluster).
     */
    @Test
    void aMigrationAgainstAPostgresThatIsDownFailsWithTheDriversRefusal() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        try (HikariDataSource pool = Database.pool("jdbc:postgresql://127.0.0.1:" + closed + "/gridshop", "gridshop", "", 2)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Database.migrate(pool));
            assertTrue(SqlErrors.isTransient(e), "start-up must take it for an outage: " + e);
            assertInstanceOf(org.postgresql.util.PSQLException.class, e.getCause(), "the driver's refusal: " + e);
            for (Throwable c = e; c != null; c = c.getCause()) {
                assertFalse(c instanceof SQLTransientConnectionException, "the pool's wait for a connection: " + c);
            }
        }
    }
}
