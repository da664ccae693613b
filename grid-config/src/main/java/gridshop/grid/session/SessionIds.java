package gridshop.grid.session;

import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/**
 * New session ids: unguessable (a secure random UUID), and, where one turns up, in a partition the creating node is
 * primary for. A session's cart, orders, checkout keys and journal entries live in its partition, so a shopper who
 * stays on the node that created the session (a load balancer with session affinity) writes on a local primary: a
 * cart change then costs its node no lock and prepare requests to another node, only the copy to the backup. A shopper
 * sent elsewhere is served as any other; nothing depends on it.
 * <p>
 * Among those partitions, one the node prefers ({@code preferred}: with stock in escrow, one whose backup is the
 * backup of the node's stock lane, so that a checkout's rows have one primary and one backup: Ignite's one-phase
 * commit). The candidates are one secure random UUID with its last three hex digits run through 000–fff (4,096
 * candidates; 110 random bits stay): on N nodes one in N is local, one in N(N-1) also has the preferred backup. A
 * node that is primary for nothing yet (still joining) takes the UUID as drawn.
 */
public final class SessionIds {
    static final int CANDIDATES = 4096;

    private final Ignite ignite;
    private final Affinity<Object> affinity;
    private final boolean local;
    private final IntPredicate preferred;

    public SessionIds(Ignite ignite) {
        this(ignite, true, p -> true);
    }

    /**
     * {@code local} false: the UUID as drawn, in whatever partition it falls (a shopper on a random primary);
     * {@code preferred}: which of the local partitions to look for first.
     */
    public SessionIds(Ignite ignite, boolean local, IntPredicate preferred) {
        this.ignite = ignite;
        this.affinity = ignite.affinity(SessionCache.NAME);
        this.local = local;
        this.preferred = preferred;
    }

    public String next() {
        String drawn = UUID.randomUUID().toString();
        if (!local) {
            return drawn;
        }
        ClusterNode node = ignite.cluster().localNode();
        String stem = drawn.substring(0, drawn.length() - 3);
        String primaryOnly = null;
        for (int i = 0; i < CANDIDATES; i++) {
            String id = stem + String.format("%03x", i);
            int partition = affinity.partition(id);
            if (affinity.isPrimary(node, id)) {
                if (preferred.test(partition)) {
                    return id;
                }
                if (primaryOnly == null) {
                    primaryOnly = id;
                }
            }
        }
        return primaryOnly != null ? primaryOnly : drawn;
    }
}
