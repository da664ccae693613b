package gridshop.platform;

import gridshop.persistence.platform.EmbeddedDatabase;
import java.nio.file.Path;

/**
 * A PostgreSQL server of one test's own, which the test can stop for real (connections refused, not just
 * slow) and start again on the same port and data directory, for outage tests.
 */
public final class OwnPostgres implements AutoCloseable {
    private final Path dir;
    private final int port;
    private EmbeddedDatabase server;

    private OwnPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static OwnPostgres start(String name) {
        OwnPostgres pg = new OwnPostgres(Path.of("target", "own-postgres", name + "-" + ProcessHandle.current().pid()),
            Ports.free());
        pg.up();
        return pg;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server: from now on a connection attempt is refused. */
    public synchronized void down() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized void up() {
        if (server == null) {
            server = EmbeddedDatabase.start(dir, port, false);
        }
    }

    @Override
    public void close() {
        down();
    }
}
