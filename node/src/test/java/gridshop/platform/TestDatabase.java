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
}
