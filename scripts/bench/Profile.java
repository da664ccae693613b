import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the node CPU of a measured window went, from the flight recordings scripts/bench/run keeps with BENCH_JFR=DIR:
 *   java scripts/bench/Profile.java DIR/shopper-2n-node1.jfr DIR/shopper-2n-node2.jfr
 * Prints, over all files: the JVMs' CPU (jdk.CPULoad), the JIT's compile time and the GC's pauses, then the Java
 * execution samples (jdk.ExecutionSample: threads running Java code; a thread parked or in a system call is not
 * sampled) by thread pool, and by the gridshop method or Ignite message handler they were in (inclusive: a sample
 * counts once for each such method on its stack, so the shares overlap), and by the method they were running (self).
 * -Dfrom=2026-12-07T08:50:00Z -Dto=… keep only the events of that window (a recording from a node's start holds its
 * catalog's generation too).
 */
public final class Profile {
    private static final int TOP = Integer.getInteger("top", 30);

    public static void main(String[] files) throws Exception {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> bySelf = new HashMap<>();
        java.time.Instant from = java.time.Instant.parse(System.getProperty("from", "1970-01-01T00:00:00Z"));
        java.time.Instant to = java.time.Instant.parse(System.getProperty("to", "9999-01-01T00:00:00Z"));
        double cpu = 0;
        int cpuEvents = 0;
        double compileMs = 0;
        double gcPauseMs = 0;
        int samples = 0;
        for (String f : files) {
            for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(f))) {
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                switch (e.getEventType().getName()) {
                    case "jdk.CPULoad" -> {
                        cpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        cpuEvents++;
                    }
                    case "jdk.Compilation" -> compileMs += e.getDuration().toNanos() / 1e6;
                    case "jdk.GCPhasePause" -> gcPauseMs += e.getDuration().toNanos() / 1e6;
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        byThread.merge(pool(e.getThread("sampledThread")), 1, Integer::sum);
                        methods(e.getStackTrace()).forEach(m -> byMethod.merge(m, 1, Integer::sum));
                        RecordedStackTrace st = e.getStackTrace();
                        if (st != null && !st.getFrames().isEmpty()) {
                            RecordedFrame top = st.getFrames().get(0);
                            bySelf.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
                        }
                    }
                    default -> { }
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d recording(s): JVM CPU %.2f cores on average (of %d; jdk.CPULoad), JIT compiling %.0f ms, "
            + "GC pauses %.0f ms, %d Java execution samples%n", files.length,
            cpuEvents == 0 ? 0 : cpu / cpuEvents * cores * files.length, cores, compileMs, gcPauseMs, samples);
        print("samples by thread pool", byThread, samples);
        print("samples by method on the stack (gridshop's, and Ignite's message handlers)", byMethod, samples);
        print("samples by the method running (self)", bySelf, samples);
    }

    /** A thread's pool: its name with the numbers taken out (sys-stripe-3-#11%gridshop-1% → sys-stripe-#-#%gridshop-#%). */
    private static String pool(RecordedThread t) {
        String name = t == null ? null : t.getJavaName();
        return name == null ? "?" : name.replaceAll("[0-9]+", "#");
    }

    /** The gridshop methods and Ignite message handlers on a stack, each once. */
    private static Set<String> methods(RecordedStackTrace stack) {
        Set<String> out = new HashSet<>();
        if (stack == null) {
            return out;
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String name = frame.getMethod().getName();
            if (type.startsWith("gridshop.") && !type.contains("$$Lambda")) {
                out.add(type.substring("gridshop.".length()).replaceAll("\\$\\$?Definition.*", "") + "." + name);
            } else if (type.startsWith("org.apache.ignite.") && (name.startsWith("process") || name.startsWith("on"))
                && (type.contains("Handler") || type.contains("Tx") || type.contains("Continuous"))) {
                out.add("ignite " + type.substring(type.lastIndexOf('.') + 1) + "." + name);
            }
        }
        return out;
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println("== " + title);
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(TOP)
            .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }
}
