package gridshop.platform;

import java.util.Collection;
import java.util.UUID;

/**
 * Who may write after nodes went missing, decided from what every node of a cluster saw in the same order (Ignite's
 * discovery delivers joins, departures and failures to all nodes in one order), so the nodes of one side agree. The
 * last stable topology is the number of server nodes the cluster last had on purpose, and the oldest of them: it
 * grows when nodes join and shrinks when nodes leave gracefully or ops confirm, but not when nodes fail (a failure and
 * a cut look the same). A side writes with more than half of it; with exactly half, only the side that holds its
 * oldest node (one deterministic writer: two halves never both write); with less, none.
 */
final class QuorumRule {
    private int stable;
    private UUID oldest;

    /** A node starts from the topology it joined. */
    QuorumRule(int servers, UUID oldest) {
        this.stable = servers;
        this.oldest = oldest;
    }

    /** A node joined: the stable topology grows to the cluster as it is, if that is larger. */
    synchronized void joined(int servers, UUID oldestNow) {
        if (servers >= stable) {
            stable = servers;
            oldest = oldestNow;
        }
    }

    /** A node left on purpose, or ops confirmed the topology as it is: that is the stable topology now. */
    synchronized void settled(int servers, UUID oldestNow) {
        stable = servers;
        oldest = oldestNow;
    }

    synchronized int stable() {
        return stable;
    }

    /** Whether a side of {@code servers} nodes, these ones, may write. */
    synchronized boolean mayWrite(int servers, Collection<UUID> here) {
        return servers * 2 > stable || (servers * 2 == stable && here.contains(oldest));
    }
}
