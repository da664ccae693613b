package gridshop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the kernel says about processes (/proc): CPU seconds, the JIT's share of them, RSS, who is PostgreSQL. */
final class Kernel {
    private static final Path PROC = Path.of("/proc");
    private static volatile Double ticksPerSecond;

    private Kernel() {
    }

    /**
     * CPU seconds (user + system) that the processes, their children and their children's finished children have
     * used so far: utime, stime, cutime and cstime of every process that is one of PIDS or a child of one.
     */
    static double cpuSeconds(Collection<Long> pids) {
        Set<Long> wanted = Set.copyOf(pids);
        long ticks = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : all) {
                Optional<String[]> f = stat(p.resolve("stat"));
                if (f.isPresent() && (wanted.contains(Long.parseLong(p.getFileName().toString()))
                        || wanted.contains(Long.parseLong(f.get()[1])))) {
                    ticks += Long.parseLong(f.get()[11]) + Long.parseLong(f.get()[12]) + Long.parseLong(f.get()[13])
                        + Long.parseLong(f.get()[14]);
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot read /proc: " + e.getMessage());
        }
        return round2(ticks / hz());
    }

    /** CPU seconds the JIT compiler threads (C1, C2) of those JVMs have spent: a JVM still compiling is not warm. */
    static double jitSeconds(Collection<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
                for (Path t : tasks) {
                    String comm = read(t.resolve("comm")).orElse("");
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        Optional<String[]> f = stat(t.resolve("stat"));
                        if (f.isPresent()) {
                            ticks += Long.parseLong(f.get()[11]) + Long.parseLong(f.get()[12]);
                        }
                    }
                }
            } catch (IOException e) {
                // the JVM is gone: it has no JIT time left to count
            }
        }
        return round2(ticks / hz());
    }

    /** Fields of a stat file after the command name: [0] state, [1] parent, [11..14] utime stime cutime cstime. */
    static Optional<String[]> stat(Path file) {
        return read(file).map(s -> s.substring(s.lastIndexOf(") ") + 2).trim().split(" "));
    }

    static long rssMib(long pid) {
        return read(PROC.resolve(pid + "/status")).flatMap(s -> s.lines().filter(l -> l.startsWith("VmRSS:")).findFirst())
            .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)).orElse(0L);
    }

    /** The postmaster of the run's PostgreSQL: the process whose command line has "-D DATA -p PORT". */
    static Optional<Long> processWith(String commandLinePart) {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : all) {
                Optional<String> cmd = read(p.resolve("cmdline")).map(c -> c.replace('\0', ' '));
                if (cmd.isPresent() && cmd.get().contains(commandLinePart)) {
                    return Optional.of(Long.parseLong(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new BenchException("cannot read /proc: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The effective user id (cgroups need root). */
    static long uid() {
        return read(PROC.resolve("self/status")).flatMap(s -> s.lines().filter(l -> l.startsWith("Uid:")).findFirst())
            .map(l -> Long.parseLong(l.split("\\s+")[2])).orElse(-1L);
    }

    /** "Max open files" of this JVM: soft and hard (the JVM has raised its soft limit to the hard one). */
    static long[] openFilesLimit() {
        String line = read(PROC.resolve("self/limits")).flatMap(s -> s.lines().filter(l -> l.startsWith("Max open files"))
            .findFirst()).orElse("Max open files unlimited unlimited files");
        String[] w = line.substring("Max open files".length()).trim().split("\\s+");
        return new long[] {limit(w[0]), limit(w[1])};
    }

    private static long limit(String w) {
        return w.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(w);
    }

    static String loadAverage() {
        return read(PROC.resolve("loadavg")).map(s -> String.join(" ", List.of(s.trim().split(" ")).subList(0, 3))).orElse("?");
    }

    static double hz() {
        if (ticksPerSecond == null) {
            String out = Processes.output(List.of("getconf", "CLK_TCK"), Map.of(), Path.of("."));
            ticksPerSecond = Double.parseDouble(out.trim());
        }
        return ticksPerSecond;
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A text the run wrote or a tool printed (a report part): UTF-8, unlike the kernel's and the logs' bytes. */
    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + file + ": " + e);
        }
    }

    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    static String pids(Collection<Long> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
