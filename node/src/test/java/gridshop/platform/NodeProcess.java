package gridshop.platform;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A gridshop node in its own JVM, started from the built jar ({@code java -jar}), so a test can kill it
 * with {@code kill -9}. Multi-JVM tests use their own port ranges (49xxx, 12800, shifted by {@link #PORT_SHIFT}) on 127.0.0.1.
 */
public final class NodeProcess implements AutoCloseable {
    /** The partitions of every cache of a node started here (fewer than production's, for quicker exchanges). */
    public static final int PARTITIONS = 128;
    public static final String ADMIN_TOKEN = AdminClient.TOKEN;
    public static final String OPS_TOKEN = "test-ops-token";
    public static final String JDBC_PASSWORD = "test-analyst-password";
    /**
     * Added to the multi-JVM port ranges (discovery, communication, JDBC), from {@code GRIDSHOP_IT_PORT_SHIFT}: two
     * checkouts running their multi-JVM tests at once on one machine must not join each other's nodes.
     */
    static final int PORT_SHIFT = Integer.parseInt(System.getenv().getOrDefault("GRIDSHOP_IT_PORT_SHIFT", "0"));
    /** The first discovery port of the multi-JVM nodes. */
    public static final int DISCOVERY_PORT = 49500 + PORT_SHIFT;
    /**
     * The JIT flag of every JVM a test starts besides its own (nodes, the Kafka broker): the quick compiler only. A
     * test node lives a minute and serves a few thousand requests, so C2's optimising compiles cost it more than they
     * give, and on two cores with three nodes starting at once they took half of all CPU time (three cluster tests:
     * 249 s with both compilers, 195 s with C1 alone; CPU 349 s against 188 s). What the code does is the same.
     */
    public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";
    /** The analyst (JDBC thin) port of the first multi-JVM node. */
    public static final int JDBC_PORT = 12800 + PORT_SHIFT;
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final ShopClient client;

    private NodeProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.client = new ShopClient("http://127.0.0.1:" + httpPort, JsonMapper.createDefault());
    }

    /**
     * Starts a node and waits for it to be ready; a node that is not ready in time is killed before this throws (a
     * test that opened it in a try-with-resources never got it to close, and it would stay behind on the ports).
     */
    public static NodeProcess start(String dbUrl, Map<String, String> extra) {
        return launch(dbUrl, extra).readyOrKilled(Duration.ofSeconds(120));
    }

    /**
     * This node and {@code others} (launched before it, all at once), once each is ready: nodes that join together
     * start in less time than one after the other. If one is not ready in time this node is killed before this throws
     * (the others, already a try-with-resources' own, are closed by it).
     */
    public NodeProcess readyWith(NodeProcess... others) {
        return readyOrKilled(() -> {
            for (NodeProcess other : others) {
                other.awaitReady(Duration.ofSeconds(120));
            }
            awaitReady(Duration.ofSeconds(120));
        });
    }

    /** This node, once ready within {@code limit}; if it is not, it is killed before this throws (see {@link #start}). */
    public NodeProcess readyOrKilled(Duration limit) {
        return readyOrKilled(() -> awaitReady(limit));
    }

    /** This node once {@code ready} returns; if it throws, this node is killed (and waited for) before it is rethrown. */
    private NodeProcess readyOrKilled(Runnable ready) {
        try {
            ready.run();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return this;
    }

    /**
     * Starts a node without waiting for it to be ready. The JVM gets no {@code IGNITE_NO_SHUTDOWN_HOOK} flag: the
     * program sets it itself, so a node stops the same way whether started by scripts/start or a bare java -jar.
     */
    public static NodeProcess launch(String dbUrl, Map<String, String> extra) {
        String jar = jar();
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("node jar not built [jar=" + jar + "]; run mvn verify");
        }
        // A node restarted in the same place (a fault test's slot) keeps its port, and with it its work and spill
        // directories: its next start replays what its stop spilled.
        int port = extra.containsKey("gridshop.http.port") ? Integer.parseInt(extra.get("gridshop.http.port")) : Ports.free();
        List<String> cmd = jvm();
        classArchive(jar, List.copyOf(cmd)).ifPresent(a -> cmd.add("-XX:SharedArchiveFile=" + a));
        cmd.add("-Dmicronaut.environments=dev"); // as scripts/start: no cluster secret needed unless a test sets one
        int shift = PORT_SHIFT;
        Map<String, String> props = new java.util.TreeMap<>(Map.of(
            "gridshop.http.port", String.valueOf(port),
            "gridshop.db.url", dbUrl,
            "gridshop.discovery.port", String.valueOf(49500 + shift),
            "gridshop.discovery.addresses", "127.0.0.1:" + (49500 + shift) + ".." + (49509 + shift),
            "gridshop.grid.communication-port", String.valueOf(49100 + shift),
            "gridshop.jdbc.port", String.valueOf(JDBC_PORT),
            "gridshop.grid.work-dir", "target/it-ignite/" + port,
            // a random port may be one an earlier test's node had: its spill folder would be that node's (refused as
            // another database's), so only a node started in its slot's port keeps a folder named by the port alone
            "gridshop.write-behind.spill-dir", "target/it-spill/" + port
                + (extra.containsKey("gridshop.http.port") ? "" : "-" + System.nanoTime())));
        props.putAll(Map.of("gridshop.admin-token", ADMIN_TOKEN, "gridshop.ops-token", OPS_TOKEN,
            "gridshop.jdbc.password", JDBC_PASSWORD));
        props.putAll(Map.of("gridshop.grid.partitions", String.valueOf(PARTITIONS), "gridshop.grid.threads", "2",
            "gridshop.grid.data-region-mb", "256", "gridshop.grid.failure-detection", "3s",
            "gridshop.demo.products", "200"));
        props.putAll(extra);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar);
        try {
            Path log = logOf(port);
            Files.createDirectories(log.getParent());
            // Appended: a node restarted in its slot writes on after its earlier life.
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            return new NodeProcess(p, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path archive;
    private static boolean archiveTried;

    /**
     * A class-data-sharing archive of a node's start (JDK 17's dynamic CDS), made once per built jar by one training
     * start of its own (an embedded PostgreSQL, ports of its own, stopped by SIGTERM, when the archive is written):
     * a node started with it is ready ~3.5 s sooner (9.5–11.3 s against 6.3–6.4 s, measured), and the ITs start about
     * 125 nodes. The nodes' code is the same; a JVM that finds the archive does not match starts without it. Empty,
     * said loudly, if it could not be made ({@code -Dgridshop.it.cds=false} does without).
     */
    private static synchronized java.util.Optional<Path> classArchive(String jar, List<String> jvm) {
        if (archiveTried) {
            return java.util.Optional.ofNullable(archive);
        }
        archiveTried = true;
        if (!Boolean.parseBoolean(System.getProperty("gridshop.it.cds", "true"))) {
            return java.util.Optional.empty();
        }
        try {
            Path jarPath = Path.of(jar).toAbsolutePath();
            Path dir = Path.of("target", "cds").toAbsolutePath();
            Path made = dir.resolve("node-" + builtJars(jarPath) + ".jsa");
            if (!Files.exists(made)) {
                Files.createDirectories(dir);
                Path partial = dir.resolve("training.jsa");
                Files.deleteIfExists(partial);
                int port = Ports.free();
                List<String> cmd = new ArrayList<>(jvm);
                cmd.add("-XX:ArchiveClassesAtExit=" + partial);
                cmd.addAll(List.of("-Dmicronaut.environments=dev", "-Dgridshop.http.port=" + port,
                    "-Dgridshop.db.embedded-dir=" + dir.resolve("pg-" + port), "-Dgridshop.db.embedded-port=0",
                    "-Dgridshop.discovery.port=48850", "-Dgridshop.discovery.addresses=127.0.0.1:48850..48859",
                    "-Dgridshop.grid.communication-port=48450", "-Dgridshop.jdbc.port=" + Ports.free(),
                    "-Dgridshop.grid.work-dir=" + dir.resolve("ignite-" + port), "-Dgridshop.write-behind.spill-dir="
                        + dir.resolve("spill-" + port), "-Dgridshop.grid.data-region-mb=256", "-Dgridshop.grid.threads=2",
                    "-Dgridshop.demo.products=200", "-jar", jar));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("training.log").toFile()).start();
                NodeProcess training = new NodeProcess(p, port, dir.resolve("training.log"));
                try {
                    training.awaitReady(Duration.ofSeconds(120));
                } finally {
                    p.destroy(); // SIGTERM: the JVM writes the archive as it exits
                    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                }
                if (!Files.exists(partial) || Files.size(partial) == 0) {
                    throw new IllegalStateException("the training start wrote no archive [log=" + dir.resolve("training.log") + "]");
                }
                Files.move(partial, made, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            archive = made;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.out.println("NodeProcess: NO CLASS-DATA ARCHIVE, nodes start without it (slower): " + e);
        }
        return java.util.Optional.ofNullable(archive);
    }

    /**
     * The JVM option that starts a node with the class-data archive, for nodes the tests start through the scripts
     * (GRIDSHOP_NODE_JAVA_OPTS), or "" without one. Made as {@link #launch} makes it: the same JVM options, the same jar.
     */
    public static String classArchiveOption() {
        return classArchive(jar(), jvm()).map(a -> "-XX:SharedArchiveFile=" + a).orElse("");
    }

    /** The node's jar, absolute: an archive names the jar as it was given, and scripts/start gives it absolute too. */
    private static String jar() {
        return Path.of(System.getProperty("gridshop.node.jar", "target/gridshop-node.jar")).toAbsolutePath().toString();
    }

    /** A node's java command up to its own settings: the build's JVM options, its heap, a quick JIT. */
    private static List<String> jvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty("gridshop.jvm.args", "").trim().split("\\s+"))
            .filter(a -> !a.startsWith("-DIGNITE_NO_SHUTDOWN_HOOK")).forEach(cmd::add);
        cmd.add("-Xmx512m");
        cmd.add(QUICK_JIT);
        return cmd;
    }

    /**
     * The built jars an archive is made from, as a name: the node's jar and every jar of its class path (target/lib),
     * by size and time. A JVM given an archive whose jars changed starts without it, silently: so a rebuilt module
     * gets an archive of its own.
     */
    private static String builtJars(Path jar) throws IOException {
        long h = Files.size(jar) * 31 + Files.getLastModifiedTime(jar).toMillis();
        Path lib = jar.resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            try (var jars = Files.list(lib)) {
                for (Path p : jars.sorted().toList()) {
                    h = h * 31 + p.getFileName().toString().hashCode();
                    h = h * 31 + Files.size(p);
                    h = h * 31 + Files.getLastModifiedTime(p).toMillis();
                }
            }
        }
        return Long.toHexString(h);
    }

    /** The log of a node started on HTTP port {@code port} (appended to by each node started there). */
    public static Path logOf(int port) {
        return Path.of("target", "it-logs", "node-" + port + ".log");
    }

    public void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited [port=" + httpPort + ", log=" + log + "]");
            }
            try {
                if (client.get("/health/readiness").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            ShopNode.sleep(200);
        }
        throw new IllegalStateException("node not ready in " + limit + " [port=" + httpPort + ", log=" + log + "]");
    }

    public ShopClient http() {
        return client;
    }

    /** The server nodes in this node's topology (from the ops API). */
    @SuppressWarnings("unchecked")
    public int servers() {
        Map<String, Object> topology = client.get("/api/ops/topology", OPS_TOKEN).map();
        return ((List<Object>) topology.get("nodes")).size();
    }

    /** Whether the JVM still runs (a node can end by itself: a failed start, or Ignite halting it). */
    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no final flush, no graceful leave. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the JVM to end by itself; its exit status, or -1 if it is still running after the limit. */
    public int awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM, and the exit status once the JVM has ended (SIGKILL after two minutes: -1). */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, then SIGKILL if it has not stopped within a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
