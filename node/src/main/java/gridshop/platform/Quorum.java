package gridshop.platform;

import gridshop.grid.platform.MetaCache;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minority does not write ({@link QuorumRule}): a side holding fewer than half of the last stable topology (after
 * a split, or after several nodes failed at once), or exactly half without its oldest node, refuses writes, so two
 * sides never sell the same stock twice. A side that failures left without a majority may have been cut off while
 * the others wrote: its copies may be stale. So it stays without writes even when new nodes join it and its count
 * is whole again (a restarted node brings no data with it), until ops confirm ({@code POST
 * /api/ops/topology/confirm}); the mark is kept in the replicated meta cache ({@link MetaCache#QUORUM_LOST}), so a
 * node that joins the side sees it too. After a cut, restarting the side's nodes makes them join the others instead.
 * Eager: it must see every discovery event from the start.
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
    /** The side lost its majority to failures: read from the meta cache each second, set at once by the event. */
    private volatile String lost;
    /** This node's mark is not in the meta cache yet (the write failed or is under way): kept here until it is. */
    private volatile boolean markPending;
    private final IgniteCache<String, String> meta;
    private final Ticker ticker;
    /** The last confirmation (MetaCache#QUORUM_CONFIRMED) this node applied (the refresher's thread and confirm). */
    private volatile String confirmed;
    /** When the listeners last heard of a server node failing (System.nanoTime; 0: never). */
    private volatile long lastFailure;
    /** The topology version the listeners last handled: a larger one in the grid is a change they have not heard of. */
    private final java.util.concurrent.atomic.AtomicLong handledVersion = new java.util.concurrent.atomic.AtomicLong();
    /** After a server node fails, commits are refused this long (the grid's failure-detection time). */
    private final long holdNanos;

    Quorum(Ignite ignite) {
        this.ignite = ignite;
        this.meta = ignite.cache(MetaCache.NAME);
        this.lost = meta.get(MetaCache.QUORUM_LOST);
        this.confirmed = meta.get(MetaCache.QUORUM_CONFIRMED);
        this.holdNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ignite.configuration().getFailureDetectionTimeout());
        this.ticker = new Ticker("gridshop-quorum", java.time.Duration.ofSeconds(1), this::refresh);
        Collection<ClusterNode> now = ignite.cluster().forServers().nodes();
        this.servers = new AtomicInteger(now.size());
        this.here = ids(now);
        this.rule = new QuorumRule(now.size(), oldest(now));
        ignite.events().localListen(this::onDiscovery, EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT,
            EventType.EVT_NODE_FAILED);
        // After the listener is in: a change from now on is either in this version or heard by the listener.
        handledVersion.accumulateAndGet(ignite.cluster().topologyVersion(), Math::max);
    }

    private boolean onDiscovery(Event e) {
        DiscoveryEvent d = (DiscoveryEvent) e;
        if (d.eventNode().isClient()) {
            handledVersion.accumulateAndGet(d.topologyVersion(), Math::max);
            return true;
        }
        List<ClusterNode> now = d.topologyNodes().stream().filter(n -> !n.isClient()).toList();
        if (d.type() == EventType.EVT_NODE_FAILED) {
            lastFailure = System.nanoTime();
        }
        here = ids(now);
        servers.set(now.size());
        int before = rule.stable();
        switch (d.type()) {
            case EventType.EVT_NODE_JOINED -> rule.joined(now.size(), oldest(now));
            case EventType.EVT_NODE_LEFT -> rule.settled(now.size(), oldest(now));
            default -> {
                boolean minority = !rule.mayWrite(now.size(), here);
                LOG.warn("A server node failed [node={}, serverNodes={}, stableTopology={}{}]", d.eventNode().consistentId(),
                    now.size(), before, minority ? ", this side is a minority: writes refused until ops confirm"
                        : ", commits refused for the next " + holdNanos / 1_000_000 + " ms (the failure-detection time)");
                if (minority && lost == null) {
                    String what = java.time.Instant.now() + ": " + now.size() + " of " + before + " server nodes";
                    lost = what;
                    markPending = true;
                    // Not from the discovery thread: a cache write here could wait for the exchange this event starts.
                    Thread t = new Thread(() -> markLost(what), "gridshop-quorum-lost");
                    t.setDaemon(true);
                    t.start();
                }
            }
        }
        // Last: until the quorum above reflects this change, a commit reads it as unheard of.
        handledVersion.accumulateAndGet(d.topologyVersion(), Math::max);
        return true;
    }

    private void markLost(String what) {
        try {
            meta.putIfAbsent(MetaCache.QUORUM_LOST, what);
            markPending = false;
        } catch (RuntimeException e) {
            LOG.warn("Could not mark the side's lost majority in the meta cache; this node keeps refusing writes "
                + "[error={}]", e.toString());
        }
    }

    private void refresh() {
        String mark = lost;
        if (markPending && mark != null) {
            markLost(mark);
            return;
        }
        String confirmation = meta.get(MetaCache.QUORUM_CONFIRMED);
        if (confirmation != null && !confirmation.equals(confirmed)) {
            // ops confirmed on another node of this side: the topology as it is is the stable one here too
            confirmed = confirmation;
            settleAsConfirmed();
        }
        lost = meta.get(MetaCache.QUORUM_LOST);
    }

    private int settleAsConfirmed() {
        List<ClusterNode> now = List.copyOf(ignite.cluster().forServers().nodes());
        int before = rule.stable();
        rule.settled(now.size(), oldest(now));
        markPending = false;
        LOG.warn("Topology confirmed by ops [serverNodes={}, stableTopologyWas={}]", now.size(), before);
        return now.size();
    }

    @PreDestroy
    void close() {
        ticker.close();
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

    /**
     * This side may not write: fewer than half of the last stable topology, or exactly half without its oldest, or
     * it was so since failures took its majority and ops have not confirmed.
     */
    public boolean minority() {
        return lost != null || !rule.mayWrite(servers(), here);
    }

    /**
     * Why a commit should not go on, if it should not: a server node failed less than {@code window} ago (a node cut
     * off from several others detects them one at a time, and between two detections it still counts a majority), or
     * the grid has already seen a server node go that the listeners have not heard of yet (they lag discovery, the
     * more so under load). A join the listeners have not heard of does not hold commits. Empty once no server node
     * has failed for the failure-detection time.
     */
    public java.util.Optional<String> unsettled() {
        if (ignite.cluster().topologyVersion() > handledVersion.get()) {
            List<UUID> gone = gone(here);
            if (!gone.isEmpty()) {
                return java.util.Optional.of("server nodes left the cluster moments ago " + gone
                    + "; writes resume once the cluster has settled (this side may be cut off from more)");
            }
        }
        long failed = lastFailure;
        long since = System.nanoTime() - failed;
        if (failed != 0 && since < holdNanos) {
            return java.util.Optional.of("a server node failed " + since / 1_000_000 + " ms ago; writes resume once no "
                + "other failure has followed for " + holdNanos / 1_000_000 + " ms (this side may be cut off from more)");
        }
        return java.util.Optional.empty();
    }

    /** Whether a server node that was in the topology of {@code version} has left or failed since. */
    public boolean departedSince(long version) {
        try {
            Collection<ClusterNode> then = ignite.cluster().topology(version);
            if (then == null) {
                return true; // no longer in the history: assume the worst
            }
            return !gone(ids(then.stream().filter(n -> !n.isClient()).toList())).isEmpty();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Those of {@code nodes} no longer among the grid's server nodes (as discovery sees them now). */
    private List<UUID> gone(Collection<UUID> nodes) {
        Set<UUID> live = ids(ignite.cluster().forServers().nodes());
        return nodes.stream().filter(id -> !live.contains(id)).toList();
    }

    /** How long commits are refused after a server node fails, in whole seconds (for Retry-After). */
    public int holdSeconds() {
        return (int) Math.max(1, (holdNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** When and how failures took this side's majority, if they did and ops have not confirmed since. */
    public java.util.Optional<String> majorityLost() {
        return java.util.Optional.ofNullable(lost);
    }

    /**
     * Ops accept the topology as it is now as the new stable one: on this node at once, on the other nodes of the side
     * within a second (each applies the confirmation it reads from the meta cache), so that a confirmation through a
     * load balancer reaches the oldest node too, which reloads lost partitions.
     */
    public int confirm() {
        String confirmation = java.util.UUID.randomUUID().toString();
        confirmed = confirmation;
        int servers = settleAsConfirmed();
        meta.put(MetaCache.QUORUM_CONFIRMED, confirmation);
        meta.remove(MetaCache.QUORUM_LOST);
        lost = null;
        return servers;
    }
}
