package gridshop.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Network partitions between node addresses on the loopback interface, with Debian's iptables, in a chain of the
 * test's own hooked into INPUT: flushing the chain heals every cut at once, and removing it leaves the machine's
 * rules as they were.
 *
 * <p>A rule by address alone does not cut everything: a socket a node opens without binding it (Ignite's
 * communication connections) leaves from 127.0.0.1, whatever the node's own address. So each node JVM is also put in a
 * cgroup of its own (the cgroup v2 hierarchy, {@code /sys/fs/cgroup/unified} here), and a second chain, hooked into
 * OUTPUT, drops what that cgroup's processes send to the other side's address.
 */
final class Iptables {
    private Iptables() {
    }

    /** True if the chain could be made and hooked (root, iptables installed, a kernel that takes the rules). */
    static boolean usable(String chain) {
        try {
            remove(chain);
            return run("-N", chain) == 0 && run("-I", "INPUT", "-j", chain) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static final java.nio.file.Path CGROUP2 = java.nio.file.Path.of("/sys/fs/cgroup/unified");

    /** True if nodes can be put in cgroups (v2) and OUTPUT rules can match them: the chain {@code chain_OUT} is made. */
    static boolean cgroupsUsable(String chain, String group) {
        try {
            if (!java.nio.file.Files.isWritable(CGROUP2.resolve("cgroup.procs"))) {
                return false;
            }
            java.nio.file.Files.createDirectories(CGROUP2.resolve(group));
            String out = chain + "_OUT";
            removeOut(out);
            if (run("-N", out) != 0 || run("-I", "OUTPUT", "-j", out) != 0) {
                return false;
            }
            // the kernel takes a cgroup-path match (xt_cgroup): tried once on the group itself
            return run("-A", out, "-m", "cgroup", "--path", group, "-d", "127.0.0.254", "-j", "DROP") == 0
                && run("-F", out) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Puts a process (all its threads) in the cgroup {@code group/member}, made if need be. */
    static void join(String group, String member, long pid) throws IOException {
        java.nio.file.Path dir = CGROUP2.resolve(group).resolve(member);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("cgroup.procs"), String.valueOf(pid));
    }

    /** Drops what the processes of cgroup {@code group/member} send to {@code to}. */
    static void dropFrom(String chain, String group, String member, String to) throws IOException, InterruptedException {
        check(run("-A", chain + "_OUT", "-m", "cgroup", "--path", group + "/" + member, "-d", to, "-j", "DROP"),
            "cut cgroup " + member + " -> " + to);
    }

    /** Unhooks and deletes the OUTPUT chain and removes the cgroups (their processes must have ended). */
    static void removeCgroups(String chain, String group) throws IOException, InterruptedException {
        removeOut(chain + "_OUT");
        java.nio.file.Path dir = CGROUP2.resolve(group);
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var members = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path m : members.filter(java.nio.file.Files::isDirectory).toList()) {
                    java.nio.file.Files.deleteIfExists(m);
                }
            }
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    private static void removeOut(String out) throws IOException, InterruptedException {
        while (run("-D", "OUTPUT", "-j", out) == 0) {
            // a hook left by an earlier run, too
        }
        run("-F", out);
        run("-X", out);
    }

    static void drop(String chain, String a, String b) throws IOException, InterruptedException {
        check(run("-A", chain, "-s", a, "-d", b, "-j", "DROP"), "cut " + a + " -> " + b);
        check(run("-A", chain, "-s", b, "-d", a, "-j", "DROP"), "cut " + b + " -> " + a);
    }

    static void flush(String chain) throws IOException, InterruptedException {
        check(run("-F", chain), "flush " + chain);
        run("-F", chain + "_OUT"); // there only when nodes are in cgroups
    }

    /** Unhooks and deletes the chain; quiet when it is not there. */
    static void remove(String chain) throws IOException, InterruptedException {
        while (run("-D", "INPUT", "-j", chain) == 0) {
            // a hook left by an earlier run, too
        }
        run("-F", chain);
        run("-X", chain);
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("iptables could not " + what + " [exit=" + status + "]");
        }
    }

    private static int run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}
