package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code scripts/image} builds the container image tarball with Jib (no Docker daemon). Its config names the node's
 * jar and main class, scripts/start's JVM flags (read from scripts/start, so they cannot drift), the add-opens of
 * the jar's manifest, and a non-root user. Then the image is run as a container runtime would: its layers unpacked
 * into a root file system with /proc mounted, its entrypoint started under chroot as the image's user with the
 * image's environment, against a PostgreSQL of the test's own: the node becomes ready and serves the catalog.
 * That last part needs root (chroot, mount); without it the test says so loudly and checks the config only.
 */
@Timeout(900)
class ImageIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    @SuppressWarnings("unchecked")
    void theImageBuildsNamesTheJarTheFlagsAndANonRootUserAndRuns() throws Exception {
        Path buildLog = Path.of("target", "it-logs", "image-build.log");
        Files.createDirectories(buildLog.getParent());
        Process build = new ProcessBuilder("bash", "scripts/image").directory(ROOT.toFile()).redirectErrorStream(true)
            .redirectOutput(buildLog.toFile()).start();
        assertTrue(build.waitFor(600, TimeUnit.SECONDS), "scripts/image ends");
        assertEquals(0, build.exitValue(), "scripts/image succeeds: " + Files.readString(buildLog));
        Path tarball = ROOT.resolve("node/target/gridshop-image.tar");
        Path unpacked = Path.of("target", "it-image").toAbsolutePath();
        run(List.of("rm", "-rf", unpacked.toString()), 60);
        Files.createDirectories(unpacked.resolve("rootfs"));
        run(List.of("tar", "-xf", tarball.toString(), "-C", unpacked.toString()), 120);

        Map<String, Object> manifest = JSON.readValue(Files.readAllBytes(unpacked.resolve("manifest.json")),
            Argument.listOf(Argument.mapOf(String.class, Object.class))).get(0);
        assertEquals(List.of("gridshop-node:0.1.0-SNAPSHOT"), manifest.get("RepoTags"));
        Map<String, Object> config = (Map<String, Object>) JSON.readValue(
            Files.readAllBytes(unpacked.resolve((String) manifest.get("Config"))), Argument.mapOf(String.class, Object.class))
            .get("config");
        assertEquals("10001:10001", config.get("User"), "the node runs as a non-root user");
        List<String> entrypoint = (List<String>) config.get("Entrypoint");
        assertEquals("gridshop.Application", entrypoint.get(entrypoint.size() - 1));
        for (String flag : startFlags()) {
            assertTrue(entrypoint.contains(flag), "the entrypoint has scripts/start's " + flag + ": " + entrypoint);
        }
        Map<String, String> env = ((List<String>) config.get("Env")).stream()
            .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')), e -> e.substring(e.indexOf('=') + 1)));
        try (JarFile jar = new JarFile(ROOT.resolve("node/target/gridshop-node.jar").toFile())) {
            for (String open : jar.getManifest().getMainAttributes().getValue("Add-Opens").split(" ")) {
                assertTrue(env.get("JDK_JAVA_OPTIONS").contains("--add-opens=" + open + "=ALL-UNNAMED"),
                    "the image opens " + open + " as the jar's manifest does");
            }
        }
        for (Object layer : (List<Object>) manifest.get("Layers")) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", unpacked.resolve((String) layer).toString(),
                "-C", unpacked.resolve("rootfs").toString()), 300);
        }
        Path rootfs = unpacked.resolve("rootfs");
        String classpath = Files.readString(rootfs.resolve("app/jib-classpath-file"));
        assertTrue(classpath.startsWith("/app/classpath/*:"), "the classpath starts with the node's jar's folder: "
            + classpath.substring(0, Math.min(120, classpath.length())));
        assertTrue(Files.isRegularFile(rootfs.resolve("app/classpath/gridshop-node.jar")), "the jar is in the image");
        assertTrue(Files.isExecutable(rootfs.resolve("opt/java/bin/java")), "the image has its Java");

        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/chroot"))) {
            System.err.println("WARNING ImageIT: not running the image (needs root and /usr/sbin/chroot); config checked only");
            return;
        }
        runImage(rootfs, entrypoint, env);
    }

    private static void runImage(Path rootfs, List<String> entrypoint, Map<String, String> env) throws Exception {
        Path proc = rootfs.resolve("proc");
        run(List.of("mount", "-t", "proc", "proc", proc.toString()), 30);
        Process node = null;
        try (OwnPostgres pg = OwnPostgres.start("image")) {
            int port = Ports.free();
            List<String> cmd = new ArrayList<>(List.of("/usr/sbin/chroot", "--userspec=10001:10001", rootfs.toString()));
            cmd.addAll(entrypoint);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "it-logs", "image-node.log").toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.environment().putAll(Map.of("GRIDSHOP_DB_URL", pg.url(), "GRIDSHOP_HTTP_PORT", String.valueOf(port),
                "GRIDSHOP_DEMO_PRODUCTS", "300", "GRIDSHOP_DISCOVERY_PORT", "49700",
                "GRIDSHOP_DISCOVERY_ADDRESSES", "127.0.0.1:49700..49702", "GRIDSHOP_GRID_COMMUNICATION_PORT", "49300",
                "GRIDSHOP_JDBC_PORT", "13800", "GRIDSHOP_GRID_DATA_REGION_MB", "256", "GRIDSHOP_OPS_TOKEN", "image-ops",
                "GRIDSHOP_ADMIN_TOKEN", "image-admin"));
            pb.environment().put("GRIDSHOP_JDBC_PASSWORD", "image-analyst");
            pb.environment().put("GRIDSHOP_CLUSTER_SECRET", "image-cluster-secret"); // the image is not development
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xms256m -Xmx512m");
            node = pb.start();
            ShopClient http = new ShopClient("http://127.0.0.1:" + port, JSON);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!ready(http)) {
                assertTrue(node.isAlive(), "the node in the image exited; see target/it-logs/image-node.log");
                assertTrue(System.nanoTime() < deadline, "the node in the image is not ready after 180 s");
                Thread.sleep(500);
            }
            assertEquals(10001, uid(node.pid()), "the node runs as user 10001");
            ShopClient.Reply product = http.get("/api/products/5");
            assertEquals(200, product.status(), product.body());
            assertTrue(product.body().contains("\"id\":5"), product.body());
        } finally {
            if (node != null) {
                node.destroy(); // SIGTERM: the node's graceful stop
                if (!node.waitFor(60, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                assertTrue(!node.isAlive(), "the node in the image is gone");
            }
            run(List.of("umount", proc.toString()), 30);
        }
    }

    private static boolean ready(ShopClient http) {
        try {
            return http.get("/health/readiness").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int uid(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new IllegalStateException("no Uid in /proc/" + pid + "/status");
    }

    /** The flags of scripts/start's java command, but the heap's (a container sizes it with JAVA_TOOL_OPTIONS). */
    private static List<String> startFlags() throws IOException {
        String script = Files.readString(ROOT.resolve("scripts/start"));
        Matcher m = Pattern.compile("exec java (.*?)-jar", Pattern.DOTALL).matcher(script);
        assertTrue(m.find(), "scripts/start starts java");
        List<String> flags = Arrays.stream(m.group(1).replace("\\\n", " ").split("\\s+"))
            .filter(f -> f.matches("-(XX:|D)[^${}]+")).toList();
        assertTrue(flags.size() >= 5, "flags read from scripts/start: " + flags);
        return flags;
    }

    private static void run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", cmd) + " ends");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
}
