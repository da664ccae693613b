package gridshop.grid.security;

import gridshop.grid.platform.GridSettings;
import java.util.Collection;
import java.util.Optional;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Which PostgreSQL database a cluster writes behind into: the identity its nodes present (node attribute
 * {@link GridSettings#DATABASE_ATTRIBUTE}, read from the database before the node joins). A node that could not
 * reach PostgreSQL at its start presents none; it checks once it can (see the node's start-up).
 */
public final class DatabaseCheck {
    /** How a refusal by the cluster's validation of a joining node begins (see ShopSecurity). */
    public static final String REFUSED = "The cluster refused this node: ";

    private DatabaseCheck() {
    }

    /** The identity a node presents, or empty when it could not read one at its start. */
    public static Optional<String> of(ClusterNode node) {
        Object id = node.attribute(GridSettings.DATABASE_ATTRIBUTE);
        return id instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** The first identity another server node presents that differs from {@code mine}, if any. */
    public static Optional<String> conflict(String mine, Collection<ClusterNode> nodes, Object exceptNodeId) {
        return nodes.stream().filter(n -> !n.isClient() && !n.id().equals(exceptNodeId))
            .map(DatabaseCheck::of).flatMap(Optional::stream).filter(id -> !id.equals(mine)).findFirst();
    }

    /** What a refused node and the cluster's log say. */
    public static String refusal(String joining, String cluster) {
        return "this node writes behind into another PostgreSQL database than the cluster's [its database identity="
            + joining + ", the cluster's=" + cluster + "]: point gridshop.db.url at the cluster's database, or give"
            + " this node discovery addresses of its own (gridshop.discovery.*)";
    }
}
