package gridshop.platform;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a cluster secret, any process that reaches a node's discovery port joins the grid as a server node and
 * holds, reads and writes partitions like ours (sessions, carts, orders): in a shared network that is a stranger
 * inside the shop. A development node on a laptop may go without; anywhere else the node refuses to start, before
 * its grid does, and says how to make one.
 */
public final class ClusterSecretCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretCheck.class);

    private ClusterSecretCheck() {
    }

    /** The secret to present; throws when it is empty and this environment requires one. */
    public static String require(ClusterProperties cluster, Set<String> environments) {
        if (cluster.secretRequired() && cluster.secret().isBlank()) {
            String why = "gridshop.cluster.secret is empty outside development [environments=" + environments + "]: "
                + "without it any process that reaches the discovery port joins the grid. Make one with "
                + "`openssl rand -hex 32` and give every node the same (GRIDSHOP_CLUSTER_SECRET=…, in Kubernetes "
                + "scripts/k8s/secrets.env); on a development machine run with MICRONAUT_ENVIRONMENTS=dev, as scripts/start does";
            LOG.error("Refusing to start: {}", why);
            throw new IllegalStateException(why);
        }
        return cluster.secret();
    }
}
