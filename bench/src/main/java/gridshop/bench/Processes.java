package gridshop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every process the run starts, so that the end of the run (normal, failed or interrupted) stops them all by process
 * id: the nodes first (they flush to PostgreSQL as they stop), then PostgreSQL; whatever outlives 60 s is killed.
 */
final class Processes implements AutoCloseable {
    /** Tools run to their end (wrk, jcmd, the helpers): stopped too if the run ends while they run. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Process> started = new ArrayList<>();
    private Process postgres;

    /** Starts COMMAND in DIR with ENV added to this JVM's environment, its output into LOG (appended if asked). */
    synchronized Process start(List<String> command, Map<String, String> env, Path dir, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new BenchException("could not start " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** A process started elsewhere (the crowd client, its output into a file) that the run must stop too. */
    synchronized void register(Process p) {
        started.add(p);
    }

    synchronized void isPostgres(Process p) {
        postgres = p;
    }

    /** Stops P (SIGTERM), waits up to SECONDS, then kills it (SIGKILL) and says so. */
    static void stopWithin(int seconds, Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                System.out.println("process " + p.pid() + " still running after " + seconds + " s: killed");
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void stop(Process p) {
        stopWithin(120, p);
    }

    @Override
    public synchronized void close() {
        List<Process> others = started.stream().filter(p -> p != postgres && p.isAlive()).toList();
        others.forEach(Process::destroy); // all at once: the nodes of a cluster stop together
        others.forEach(p -> stopWithin(60, p));
        if (postgres != null) {
            stopWithin(60, postgres);
        }
        RUNNING.forEach(p -> stopWithin(10, p));
        started.stream().filter(Process::isAlive).forEach(p -> System.out.println("process " + p.pid() + " is still running"));
    }

    /** Runs COMMAND to its end and returns its standard output (its errors go to ours); throws unless it exits 0. */
    static String output(List<String> command, Map<String, String> env, Path dir) {
        Result r = run(command, env, dir);
        if (r.exit() != 0) {
            throw new BenchException(String.join(" ", command) + " failed (exit " + r.exit() + ")");
        }
        return r.out();
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            RUNNING.add(p);
            try {
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new Result(p.waitFor(), out);
            } finally {
                RUNNING.remove(p);
            }
        } catch (IOException e) {
            throw new BenchException("could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while running " + command.get(0));
        }
    }
}
