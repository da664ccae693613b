package gridshop.bench;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What the report says about where it ran: cores, memory, the JVM, wrk, the commit, the time (UTC). */
final class Machine {
    private Machine() {
    }

    /** "2 cores, 23 GiB, openjdk version "17…"" and, with wrk, ", wrk 4.1.0". */
    static String describe(boolean withWrk) {
        String java = firstLine(Processes.run(List.of("sh", "-c", "java -version 2>&1"), Map.of(), Path.of(".")).out());
        String s = Runtime.getRuntime().availableProcessors() + " cores, " + memoryGib() + " GiB, " + java;
        if (withWrk) {
            String[] wrk = firstLine(Processes.run(List.of("sh", "-c", "wrk --version 2>&1"), Map.of(), Path.of(".")).out()).split(" ");
            s += ", " + String.join(" ", List.of(wrk).subList(0, Math.min(2, wrk.length)));
        }
        return s;
    }

    /** MemTotal in GiB, rounded down as free -g does. */
    static long memoryGib() {
        return Kernel.read(Path.of("/proc/meminfo")).flatMap(m -> m.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
            .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024)).orElse(0L);
    }

    static String commit(Path root) {
        Processes.Result r = Processes.run(List.of("git", "rev-parse", "--short", "HEAD"), Map.of(), root);
        return r.exit() == 0 ? r.out().trim() : "unknown";
    }

    static String utc(String pattern) {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(pattern));
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
