package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scripts/sql} (the analysts' shell) with the test node's password; returns its non-blank lines. */
public final class SqlScript {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private SqlScript() {
    }

    public static List<String> run(String url, String... args) throws Exception {
        return run(url, Map.of(), args);
    }

    public static List<String> run(String url, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/sql"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> all = new HashMap<>(env);
        all.put("GRIDSHOP_JDBC_URL", url);
        all.put("GRIDSHOP_JDBC_PASSWORD", NodeProcess.JDBC_PASSWORD);
        pb.environment().putAll(all);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scripts/sql ends");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
