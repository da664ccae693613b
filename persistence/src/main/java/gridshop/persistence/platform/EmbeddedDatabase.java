package gridshop.persistence.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries that ship through Maven, for a node with no
 * {@code gridshop.db.url}. Its data directory is kept across restarts. {@code durable} turns fsync on: a
 * local shop keeps its data, while tests trade that for speed.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** Every embedded PostgreSQL this JVM started and has not stopped: a start-up that fails stops them on exit. */
    private static final java.util.Set<EmbeddedDatabase> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.time.Duration STARTUP_WAIT = java.time.Duration.ofSeconds(90);
    private final EmbeddedPostgres postgres;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            stopStalePostmaster(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toAbsolutePath())
                .setCleanDataDirectory(false)
                // Stopped by close(), after the node's final flush, not by a JVM hook racing it.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                // zonky waits 10 s by default. A restart on a loaded 2-core machine (three nodes' JVMs beside it, in
                // the outage tests) has taken longer than that; a slow start is not a failed one.
                .setPGStartupWait(STARTUP_WAIT);
            if (port > 0) {
                builder.setPort(port);
            }
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            }
            EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
            RUNNING.add(db);
            LOG.info("Embedded PostgreSQL started [url={}, dataDirectory={}]", db.jdbcUrl(), dataDirectory);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start [dataDirectory=" + dataDirectory + "]", e);
        }
    }

    /**
     * A node killed with kill -9 leaves its embedded postmaster running and holding the data directory;
     * the next start stops it first (fast shutdown: PostgreSQL itself stays consistent).
     */
    private static void stopStalePostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
            .ifPresent(p -> {
                LOG.warn("Stopping a PostgreSQL left running by an earlier node [pid={}]", pid);
                p.destroy();
                p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            });
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RUNNING.remove(this);
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every embedded PostgreSQL still running in this JVM. For a process whose application context never
     * finished starting (and so never closes its beans) as it exits.
     */
    public static void closeAll() {
        for (EmbeddedDatabase db : RUNNING) {
            LOG.warn("Stopping the embedded PostgreSQL of a start-up that failed [url={}]", db.jdbcUrl());
            db.close();
        }
    }

    /** Runs PostgreSQL alone, for a local cluster whose nodes share it: {@code [dataDir] [port]}. */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/postgres");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 54329;
        EmbeddedDatabase db = start(dir, port, true);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        System.out.println("POSTGRES_URL=" + db.jdbcUrl());
        Thread.currentThread().join();
    }
}
