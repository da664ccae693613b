package gridshop.grid.session;

import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/**
 * New session ids: unguessable (a secure random UUID), and, where one turns up in a few tries, in a partition
 * the creating node is primary for. A session's cart, orders, checkout keys and journal entries live in its
 * partition, so a shopper who stays on the node that created the session (a load balancer with session affinity)
 * writes on a local primary: a cart change then costs its node no lock and prepare requests to another node,
 * only the copy to the backup. A shopper sent elsewhere is served as any other; nothing depends on it.
 * <p>
 * A random UUID lands on a local primary one time in N on N nodes; {@value #TRIES} tries miss on three nodes
 * about twice in a million. A node that is primary for nothing yet (still joining) takes the last UUID tried.
 */
public final class SessionIds {
    static final int TRIES = 32;

    private final Ignite ignite;
    private final Affinity<Object> affinity;
    private final int tries;

    public SessionIds(Ignite ignite) {
        this(ignite, true);
    }

    /** {@code local} false: the first UUID, in whatever partition it falls (a shopper on a random primary). */
    public SessionIds(Ignite ignite, boolean local) {
        this.ignite = ignite;
        this.affinity = ignite.affinity(SessionCache.NAME);
        this.tries = local ? TRIES : 1;
    }

    public String next() {
        ClusterNode local = ignite.cluster().localNode();
        String id = UUID.randomUUID().toString();
        for (int i = 1; i < tries && !affinity.isPrimary(local, id); i++) {
            id = UUID.randomUUID().toString();
        }
        return id;
    }
}
