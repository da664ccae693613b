package gridshop.grid.platform;

import java.util.Set;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;

/** The names of the nodes' spill folders, as each node carries it ({@link GridSettings#SPILL_OWNER_ATTRIBUTE}). */
public final class SpillOwners {
    private SpillOwners() {
    }

    /** The node's spill owner (null for a node that carries none: a client, an older version). */
    public static String of(ClusterNode node) {
        return node.attribute(GridSettings.SPILL_OWNER_ATTRIBUTE);
    }

    /** The spill owners of the cluster's server nodes: the cluster's members, as the lease and the spills name them. */
    public static Set<String> ofServers(Ignite ignite) {
        Set<String> owners = new TreeSet<>();
        for (ClusterNode n : ignite.cluster().forServers().nodes()) {
            String owner = of(n);
            if (owner != null) {
                owners.add(owner);
            }
        }
        return owners;
    }
}
