package gridshop.platform;

import io.micronaut.context.annotation.Context;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minority does not write. The last stable topology is the number of server nodes the cluster last had on
 * purpose: it grows when nodes join and shrinks when nodes leave gracefully, but not when they fail. A side
 * holding fewer than half of it (after a split, or after several nodes failed at once) refuses writes, so two
 * sides never sell the same stock twice, until the missing nodes return or ops confirm the new topology on this
 * node ({@code POST /api/ops/topology/confirm}). Eager: it must see every discovery event from the start.
 */
@GridMode
@Context
public final class Quorum {
    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);
    private final Ignite ignite;
    private final AtomicInteger stable;
    // Kept from discovery events: admitting a write reads two numbers instead of filtering the topology.
    private final AtomicInteger servers;

    Quorum(Ignite ignite) {
        this.ignite = ignite;
        this.servers = new AtomicInteger(ignite.cluster().forServers().nodes().size());
        this.stable = new AtomicInteger(servers.get());
        ignite.events().localListen(this::onDiscovery, EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT,
            EventType.EVT_NODE_FAILED);
    }

    private boolean onDiscovery(Event e) {
        DiscoveryEvent d = (DiscoveryEvent) e;
        if (d.eventNode().isClient()) {
            return true;
        }
        int now = (int) d.topologyNodes().stream().filter(n -> !n.isClient()).count();
        servers.set(now);
        int before = stable.get();
        switch (d.type()) {
            case EventType.EVT_NODE_JOINED -> stable.accumulateAndGet(now, Math::max);
            case EventType.EVT_NODE_LEFT -> stable.set(now);
            default -> LOG.warn("A server node failed [node={}, serverNodes={}, stableTopology={}{}]",
                d.eventNode().consistentId(), now, before, now * 2 < before ? ", this side is a minority: writes refused" : "");
        }
        return true;
    }

    public int servers() {
        return servers.get();
    }

    public int stableTopology() {
        return stable.get();
    }

    /** Fewer than half of the last stable topology is here. */
    public boolean minority() {
        return servers() * 2 < stable.get();
    }

    /** Ops accept the topology as it is now as the new stable one (on this node). */
    public int confirm() {
        int now = servers();
        int before = stable.getAndSet(now);
        LOG.warn("Topology confirmed by ops [serverNodes={}, stableTopologyWas={}]", now, before);
        return now;
    }
}
