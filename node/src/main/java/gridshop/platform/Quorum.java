package gridshop.platform;

import io.micronaut.context.annotation.Context;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minority does not write ({@link QuorumRule}): a side holding fewer than half of the last stable topology (after
 * a split, or after several nodes failed at once), or exactly half without its oldest node, refuses writes, so two
 * sides never sell the same stock twice, until the missing nodes return or ops confirm the new topology on this
 * node ({@code POST /api/ops/topology/confirm}). Eager: it must see every discovery event from the start.
 */
@GridMode
@Context
public final class Quorum {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);
    private final Ignite ignite;
    private final QuorumRule rule;
    // Kept from discovery events: admitting a write reads them instead of filtering the topology.
    private final AtomicInteger servers;
    private volatile Set<UUID> here;

    Quorum(Ignite ignite) {
        this.ignite = ignite;
        Collection<ClusterNode> now = ignite.cluster().forServers().nodes();
        this.servers = new AtomicInteger(now.size());
        this.here = ids(now);
        this.rule = new QuorumRule(now.size(), oldest(now));
        ignite.events().localListen(this::onDiscovery, EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT,
            EventType.EVT_NODE_FAILED);
    }

    private boolean onDiscovery(Event e) {
        DiscoveryEvent d = (DiscoveryEvent) e;
        if (d.eventNode().isClient()) {
            return true;
        }
        List<ClusterNode> now = d.topologyNodes().stream().filter(n -> !n.isClient()).toList();
        here = ids(now);
        servers.set(now.size());
        int before = rule.stable();
        switch (d.type()) {
            case EventType.EVT_NODE_JOINED -> rule.joined(now.size(), oldest(now));
            case EventType.EVT_NODE_LEFT -> rule.settled(now.size(), oldest(now));
            default -> LOG.warn("A server node failed [node={}, serverNodes={}, stableTopology={}{}]",
                d.eventNode().consistentId(), now.size(), before, minority() ? ", this side is a minority: writes refused" : "");
        }
        return true;
    }

    private static Set<UUID> ids(Collection<ClusterNode> nodes) {
        return nodes.stream().map(ClusterNode::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The oldest server node (the first to have joined of those here): every node of a side names the same one. */
    private static UUID oldest(Collection<ClusterNode> nodes) {
        return nodes.stream().min(Comparator.comparingLong(ClusterNode::order)).map(ClusterNode::id).orElse(null);
    }

    public int servers() {
        return servers.get();
    }

    public int stableTopology() {
        return rule.stable();
    }

    /** This side may not write: fewer than half of the last stable topology, or exactly half without its oldest. */
    public boolean minority() {
        return !rule.mayWrite(servers(), here);
    }

    /** Ops accept the topology as it is now as the new stable one (on this node). */
    public int confirm() {
        List<ClusterNode> now = List.copyOf(ignite.cluster().forServers().nodes());
        int before = rule.stable();
        rule.settled(now.size(), oldest(now));
        LOG.warn("Topology confirmed by ops [serverNodes={}, stableTopologyWas={}]", now.size(), before);
        return now.size();
    }
}
