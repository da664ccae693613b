package gridshop.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Network partitions between node addresses on the loopback interface, with Debian's iptables, in a chain of the
 * test's own hooked into INPUT: flushing the chain heals every cut at once, and removing it leaves the machine's
 * rules as they were.
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

    static void drop(String chain, String a, String b) throws IOException, InterruptedException {
        check(run("-A", chain, "-s", a, "-d", b, "-j", "DROP"), "cut " + a + " -> " + b);
        check(run("-A", chain, "-s", b, "-d", a, "-j", "DROP"), "cut " + b + " -> " + a);
    }

    static void flush(String chain) throws IOException, InterruptedException {
        check(run("-F", chain), "flush " + chain);
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
