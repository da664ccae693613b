package gridshop.ops;

import gridshop.api.ops.TopologyResponse;
import gridshop.platform.GridMode;
import io.micronaut.context.annotation.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last topology events this node has seen (its own join first), newest last, for the console. */
@GridMode
@Context
final class TopologyEvents {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyEvents.class);
    private static final int KEPT = 100;
    private final Deque<TopologyResponse.Event> events = new ArrayDeque<>();

    TopologyEvents(Ignite ignite) {
        add(new TopologyResponse.Event(System.currentTimeMillis(), "JOINED",
            String.valueOf(ignite.cluster().localNode().consistentId())));
        ignite.events().localListen(this::on, EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
    }

    private boolean on(Event e) {
        String type = switch (e.type()) {
            case EventType.EVT_NODE_JOINED -> "JOINED";
            case EventType.EVT_NODE_LEFT -> "LEFT";
            default -> "FAILED";
        };
        DiscoveryEvent d = (DiscoveryEvent) e;
        if (!d.eventNode().isClient()) {
            add(new TopologyResponse.Event(e.timestamp(), type, String.valueOf(d.eventNode().consistentId())));
            LOG.info("Topology event [type={}, node={}, servers={}]", type, d.eventNode().consistentId(),
                d.topologyNodes().stream().filter(n -> !n.isClient()).count());
        }
        return true;
    }

    private synchronized void add(TopologyResponse.Event e) {
        events.addLast(e);
        if (events.size() > KEPT) {
            events.removeFirst();
        }
    }

    synchronized List<TopologyResponse.Event> recent() {
        return new ArrayList<>(events);
    }
}
