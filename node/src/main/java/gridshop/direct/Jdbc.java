package gridshop.direct;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.platform.ApiException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of the postgres-direct comparison baseline for every shopper port: its transactions.
 *
 * <p>PostgreSQL on the request path (postgres-direct mode): a read in auto-commit, or a write in one transaction
 * that commits or rolls back as a whole. A database failure is a 503 for the client (logged here), never a 500.
 */
@DirectMode
@Singleton
final class Jdbc {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    /** Work on one connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;

    Jdbc(HikariDataSource pool) {
        this.pool = pool;
    }

    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public <T> T write(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(SQLException e) {
        LOG.warn("PostgreSQL failed a request [sqlState={}]", e.getSQLState(), e);
        return ApiException.unavailable("the database could not answer; try again [sqlState=" + e.getSQLState() + "]", 1);
    }
}
