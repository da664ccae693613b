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

    /**
     * SIGSTOP to the postmaster and every backend: connections are accepted by the kernel but nothing answers, the
     * way a stalled disk or a long GC pause of the database looks from the nodes. {@link #resume()} undoes it.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    /**
     * Every new transaction read-only (what a fail-over to a demoted primary does): {@code ALTER SYSTEM} and a
     * reload, which reaches the sessions already open (the nodes' pools) as well as new ones.
     */
    public synchronized void readOnly(boolean on) {
        try (java.sql.Connection c = TestDatabase.connect(url()); java.sql.Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("ALTER SYSTEM SET default_transaction_read_only = " + (on ? "on" : "off"));
            st.execute("SELECT pg_reload_conf()");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not set read-only=" + on + " [url=" + url() + "]", e);
        }
    }

    private void signal(String name) {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        try {
            long postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
            pids.add(postmaster);
            ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("kill", "-" + name));
            pids.forEach(pid -> cmd.add(String.valueOf(pid)));
            new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
