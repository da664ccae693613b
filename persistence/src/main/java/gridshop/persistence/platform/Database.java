package gridshop.persistence.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL connection pool and the schema's migrations. A node's pool is made without connecting (a node
 * may start while PostgreSQL is down, and join a loaded cluster); its start-up migrates once PostgreSQL answers.
 */
public final class Database {
    private Database() {
    }

    /** A pool that is migrated before it is handed out (PostgreSQL must answer now). */
    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        HikariDataSource ds = pool(url, user, password, poolSize);
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    /** A pool that connects when first used. */
    public static HikariDataSource pool(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("gridshop-db");
        cfg.setInitializationFailTimeout(-1);
        // A flush that cannot get a connection (PostgreSQL down) gives up soon and tries again, rather than hold a
        // stopping node's drain for the default 30 s.
        cfg.setConnectionTimeout(10_000);
        // The flusher's batches of upserts go as multi-row INSERTs (up to 128 rows a statement) rather than one
        // statement per row: measured on the flush's catch-up after a PostgreSQL pause (docs/benchmarks.md).
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        // A PostgreSQL that stops answering without closing its sockets (SIGSTOP, a stalled disk, a dropped network)
        // must not hold a thread for ever: the server-side statement_timeout cannot fire then. A read waits at most
        // socketTimeout (above the flusher's 30 s statement_timeout and the loader's fetches), a new connection's
        // handshake loginTimeout. Seen in the fault schedule: a flush stuck on a paused PostgreSQL.
        cfg.addDataSourceProperty("connectTimeout", "5");
        cfg.addDataSourceProperty("loginTimeout", "10");
        cfg.addDataSourceProperty("socketTimeout", "120");
        return new HikariDataSource(cfg);
    }

    /**
     * Brings the schema up to date (Flyway takes a lock, so several nodes starting at once is fine). A pool's
     * PostgreSQL is first asked for one connection directly ({@link #answering}): down, it fails at once.
     */
    public static void migrate(DataSource ds) {
        if (ds instanceof HikariDataSource pool) {
            answering(pool);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /**
     * Throws at once when PostgreSQL refuses a connection: one attempt with the pool's own connect and login timeouts,
     * instead of waiting the pool's connection timeout (10 s) for one it keeps failing to make. A node started while
     * PostgreSQL is down paid that twice (its database identity, then the migration) before it could join a loaded
     * cluster. The failure is the pool's kind ({@link SQLTransientConnectionException}, the driver's error its cause),
     * so start-up waits on it as it did on the pool's, whatever the driver said (down, or refusing the login); the
     * message names neither the URL nor the user (a URL may carry a password).
     */
    static void answering(HikariDataSource pool) {
        Properties props = new Properties();
        props.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            props.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), props)) {
            // connected: the pool will be too
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused a connection", new SQLTransientConnectionException(
                "PostgreSQL refused a connection [sqlState=" + e.getSQLState() + ", error=" + e.getMessage() + "]",
                e.getSQLState(), e));
        }
    }
}
