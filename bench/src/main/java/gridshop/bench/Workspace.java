package gridshop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the run works: the repository ({@code root}), data/bench ({@code work}) and a copy of the node's jar and
 * libraries there ({@code app}), so that a build during the benchmark cannot change the classes under a running node.
 */
record Workspace(Path root, Path work, Path app) {
    /** The Ignite JDBC driver (loaded by the analyst tool) needs these on Java 17. */
    static final List<String> OPENS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");

    static Workspace at(Path root) {
        Path work = root.resolve("data/bench");
        return new Workspace(root, work, work.resolve("app"));
    }

    void prepare() {
        try {
            Files.createDirectories(work);
            Files.createDirectories(root.resolve("docs/bench"));
            deleteTree(app);
            Files.createDirectories(app.resolve("lib"));
            Path target = root.resolve("node/target");
            Files.copy(target.resolve("gridshop-node.jar"), app.resolve("gridshop-node.jar"), StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
                for (Path lib : libs.toList()) {
                    Files.copy(lib, app.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot copy the node's jar into " + app + " (build it: mvn -o -q -B -DskipTests package): " + e);
        }
    }

    String classPath() {
        return app.resolve("gridshop-node.jar") + ":" + app.resolve("lib") + "/*";
    }

    /** java [FLAGS] -cp NODE_CLASSPATH scripts/bench/TOOL.java ARGS: a single-file helper that needs the node's classes. */
    List<String> nodeTool(List<String> flags, String tool, List<String> args) {
        List<String> c = new ArrayList<>(List.of("java"));
        c.addAll(flags);
        c.addAll(List.of("-cp", classPath(), "scripts/bench/" + tool + ".java"));
        c.addAll(args);
        return c;
    }

    Path vocabulary() {
        return work.resolve("vocabulary.lua");
    }

    Path sessions() {
        return work.resolve("sessions");
    }

    Path lua() {
        return root.resolve("scripts/bench");
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what WORK holds under names starting with PREFIX (ignite-*, spill-*). */
    void deleteStartingWith(String prefix) {
        try (Stream<Path> all = Files.list(work)) {
            all.filter(q -> q.getFileName().toString().startsWith(prefix)).forEach(Workspace::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
