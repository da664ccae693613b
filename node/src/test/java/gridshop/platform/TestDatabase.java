package gridshop.platform;

import gridshop.persistence.platform.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (embedded, from Maven), and a fresh database on it for each
 * fixture, so tests never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    public static synchronized String freshUrl() {
        if (server == null) {
            server = EmbeddedDatabase.start(Path.of("target", "test-postgres-" + ProcessHandle.current().pid()), 0, false);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        String name = "shop_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database [name=" + name + "]", e);
        }
        return server.jdbcUrl().replace("/postgres", "/" + name);
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /**
     * Makes the database read-only, or writable again (what a fail-over to a demoted primary, and back, does).
     * A database-wide setting reaches only new sessions: every other connection to it is ended so that the node
     * reconnects and meets it (as after a fail-over, where every connection is new).
     */
    public static void readOnly(String url, boolean on) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("ALTER DATABASE " + c.getCatalog()
                + (on ? " SET default_transaction_read_only = on" : " RESET default_transaction_read_only"));
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                + "AND datname = current_database()");
        }
    }
}
