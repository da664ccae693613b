package gridshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * --node-cpus X: each scale-out node JVM in a cgroup v1 of its own (/sys/fs/cgroup/cpu/gridshop-bench-PORT, quota
 * X × the 100 ms period). Without root or a writable cpu controller the scale-out is measured without a quota, and
 * the run says so loudly (once) and in the report ({@link #note()} starts with "NO").
 */
final class CpuQuota {
    static final Path CPU = Path.of("/sys/fs/cgroup/cpu");
    static final long PERIOD_US = 100_000;
    private final Optional<String> cores;
    private final Set<Path> groups = new LinkedHashSet<>();
    private String note = "";

    CpuQuota(Optional<String> cores) {
        this.cores = cores;
    }

    static long quotaUs(String cores) {
        return (long) (Double.parseDouble(cores) * PERIOD_US);
    }

    /** Moves the node JVM PID (HTTP port PORT) into its cgroup, or notes that it could not. */
    void apply(long pid, int port) {
        if (cores.isEmpty()) {
            return;
        }
        long quota = quotaUs(cores.get());
        Path cg = CPU.resolve("gridshop-bench-" + port);
        if (quota >= 1000 && write(cg, quota, pid)) {
            groups.add(cg);
            note = "each node JVM under a CPU quota of " + cores.get() + " core, a cgroup v1 of its own "
                + "(`/sys/fs/cgroup/cpu/gridshop-bench-<port>`, cpu.cfs_quota_us " + quota + " per 100000 µs), set after the "
                + "mix and the shopper flow were warmed up without it; the mix then warmed again under it";
            System.out.println("  node :" + port + " (pid " + pid + ") in " + cg + ", quota " + quota + " / 100000 µs");
            return;
        }
        try {
            Files.deleteIfExists(cg);
        } catch (IOException e) {
            // not ours to remove, or not empty
        }
        if (!note.startsWith("NO")) {
            System.out.printf("\033[1;31m*** --node-cpus %s: no CPU quota could be set (%s): MEASURING WITHOUT A QUOTA ***\033[0m%n",
                cores.get(), why(quota, cg));
        }
        note = "NO CPU quota: --node-cpus " + cores.get() + " was asked for but no cgroup v1 cpu quota could be set; the nodes "
            + "ran without one";
    }

    private static boolean write(Path cg, long quota, long pid) {
        try {
            if (!Files.isDirectory(cg)) {
                Files.createDirectory(cg);
            }
            Files.writeString(cg.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_US));
            Files.writeString(cg.resolve("cpu.cfs_quota_us"), String.valueOf(quota));
            Files.writeString(cg.resolve("cgroup.procs"), String.valueOf(pid));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String why(long quota, Path cg) {
        if (Kernel.uid() != 0) {
            return "not root";
        } else if (!Files.isWritable(CPU)) {
            return "no writable /sys/fs/cgroup/cpu";
        } else if (quota < 1000) {
            return "quota below 1 ms per 100 ms";
        }
        return "writing " + cg + " failed";
    }

    /** Removes the cgroups; the node JVMs in them are stopped by now. */
    void remove() {
        for (Path cg : groups) {
            try {
                Files.deleteIfExists(cg);
            } catch (IOException e) {
                long left = Kernel.read(cg.resolve("cgroup.procs")).map(s -> s.lines().count()).orElse(0L);
                System.out.println("cgroup " + cg + " not removed: " + left + " processes left in it");
            }
        }
        groups.clear();
    }

    String note() {
        return note;
    }
}
