package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.platform.SpillOwners;
import gridshop.grid.platform.MetaCache;
import gridshop.persistence.platform.ClusterLease;
import gridshop.persistence.platform.SqlErrors;
import gridshop.persistence.platform.StartupLoader;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import gridshop.platform.LeaseFence;
import gridshop.platform.Ticker;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One grid per database. A node that starts alone forms a new cluster (static or Kubernetes discovery cannot tell
 * "the others are gone" from "the others are cut off"), and a new cluster loads its grid from PostgreSQL: while the
 * old cluster still runs behind a network cut, the two would sell the same stock and write over each other. So a
 * cluster holds the database's lease (table {@code cluster_lease}) under an epoch of its own, kept in the replicated
 * meta cache, and every one of its nodes renews it each second. A node of a cluster that has not loaded yet claims
 * it first ({@link #claim}): the lease is its cluster's already, or it watches the count for
 * {@code gridshop.startup.lease-watch}; a count that moves means another cluster is alive, and this node stays not
 * ready, says so, and after {@code gridshop.startup.lease-give-up} fails its start (the JVM exits; an orchestrator
 * starts it again, when it may reach the others). A count that holds still (every node of the old cluster stopped,
 * killed or cut off from PostgreSQL) is taken over by compare-and-set, so of two lone starters one wins; one the last
 * node of its cluster released at a graceful stop with everything flushed is taken at once. A cluster
 * whose lease was taken (it was cut off from PostgreSQL meanwhile) learns it at its next renewal, or at its next flush,
 * which checks the epoch in its own transaction: it refuses writes, flushes nothing more and says so
 * ({@link LeaseFence}).
 */
@GridMode
@Singleton
final class ClusterLeaseKeeper implements BackgroundLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLeaseKeeper.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private final Ignite ignite;
    private final IgniteCache<String, String> meta;
    private final ClusterLease lease;
    private final WriteBehindFlusher flusher;
    private final LeaseFence fence;
    private final StartupProperties props;
    private final String holder;
    private final Ticker ticker;
    /** This node claimed the lease for its cluster before the cluster was loaded: it renews from then on. */
    private volatile boolean claimed;
    private volatile boolean stopped;
    private volatile boolean warnedUnreachable;

    ClusterLeaseKeeper(Ignite ignite, HikariDataSource pool, WriteBehindFlusher flusher, LeaseFence fence,
                       StartupProperties props) {
        this.ignite = ignite;
        this.meta = ignite.cache(MetaCache.NAME);
        this.lease = new ClusterLease(pool);
        this.flusher = flusher;
        this.fence = fence;
        this.props = props;
        ClusterNode local = ignite.cluster().localNode();
        this.holder = local.consistentId() + " (" + local.id() + ")";
        String epoch = meta.get(MetaCache.LEASE_EPOCH);
        if (epoch != null) {
            flusher.leaseEpoch(epoch);
        }
        this.ticker = new Ticker("gridshop-cluster-lease", EVERY, this::tick);
    }

    @PreDestroy
    void close() {
        stopped = true;
        ticker.close();
    }

    /** A start-up that failed: this node renews no more (another node of its cluster may take over the load). */
    void stop() {
        close();
    }

    private void tick() {
        if (stopped || fence.reason().isPresent() || !(claimed || StartupLoader.clusterLoaded(ignite))) {
            return;
        }
        String epoch = meta.get(MetaCache.LEASE_EPOCH);
        if (epoch == null) {
            return; // a cluster loaded before the lease existed: nothing to renew
        }
        flusher.leaseEpoch(epoch);
        try {
            if (lease.renew(epoch, holder, members())) {
                warnedUnreachable = false;
                return;
            }
            String now = lease.read().map(Object::toString).orElse("no lease");
            String why = "another grid cluster took this database's lease while this cluster could not renew it (cut off "
                + "from PostgreSQL?) [ours=" + epoch + ", now " + now + "]; restart this cluster's nodes once the network "
                + "is whole: they spill what PostgreSQL does not have and the next start brings it back";
            fence.fence(why);
            LOG.error("Fenced: {}", why);
        } catch (SQLException e) {
            if (!warnedUnreachable) {
                LOG.warn("The cluster lease cannot be renewed (PostgreSQL unreachable or refusing writes); a node "
                    + "starting alone meanwhile waits to see it renewed before it loads [error={}]", e.toString());
                warnedUnreachable = true;
            }
        }
    }

    /**
     * Before this node writes anything of a cluster that is not loaded yet (its spill, the load): returns once its
     * cluster holds the lease, having seen the count hold still for {@code leaseWatch} (or no lease at all); throws if
     * another cluster kept renewing it for {@code leaseGiveUp}. Retries while PostgreSQL is unreachable or read-only.
     */
    void claim(NodeReadiness readiness) throws InterruptedException, SQLException {
        long giveUp = System.nanoTime() + props.leaseGiveUp().toNanos();
        String other = null; // what readiness says once another cluster was seen renewing, until the lease is taken
        while (true) {
            try {
                Optional<ClusterLease.Lease> seen = lease.read();
                if (ours(seen)) {
                    return;
                }
                if (seen.isPresent() && !seen.get().released()) {
                    readiness.state(other != null ? other
                        : "checking that no other cluster runs on this database (" + props.leaseWatch().toSeconds() + " s)");
                    Thread.sleep(props.leaseWatch().toMillis());
                    Optional<ClusterLease.Lease> now = lease.read();
                    if (ours(now)) {
                        return;
                    }
                    if (now.isPresent() && now.get().renewals() != seen.get().renewals()) {
                        other = "not ready: another grid cluster runs on this database and this node cannot reach it ("
                            + now.get() + "); check the network and the discovery addresses";
                        readiness.state(other);
                        LOG.warn("Another grid cluster renews this database's lease and this node cannot reach it; not "
                            + "loading a second grid from the same rows [{}, renewalsSeen={}]", now.get(), seen.get().renewals());
                        if (System.nanoTime() > giveUp) {
                            throw new IllegalStateException("another grid cluster runs on this database and this node "
                                + "cannot reach it (" + now.get() + "): it does not load a second grid; check the network "
                                + "and the discovery addresses, then start it again");
                        }
                        continue;
                    }
                    seen = now;
                }
                String epoch = UUID.randomUUID().toString();
                OptionalLong count = seen.isPresent() ? OptionalLong.of(seen.get().renewals()) : OptionalLong.empty();
                if (lease.take(count, epoch, holder, members())) {
                    if (seen.isPresent()) {
                        ClusterLease.Lease was = seen.get();
                        meta.put(MetaCache.LEASE_TAKEN_FROM, was.epoch() + "|" + (was.released() ? RELEASED : "ended"));
                    }
                    meta.put(MetaCache.LEASE_EPOCH, epoch);
                    flusher.leaseEpoch(epoch);
                    claimed = true;
                    LOG.info("Cluster lease taken: no other cluster runs on this database [epoch={}, holder={}, was={}]",
                        epoch, holder, seen.map(Object::toString).orElse("none"));
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                if (!SqlErrors.isOutage(e)) {
                    throw e;
                }
                readiness.state("waiting for PostgreSQL (reachable and writable) to check the cluster lease");
                LOG.warn("PostgreSQL unreachable; the cluster lease is checked again in 1 s [error={}]", e.toString());
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * On the node about to load a new grid, once the lease is its cluster's: if the cluster before it ended without
     * releasing the lease (its last nodes stopped while PostgreSQL was down, so they spilled, or were killed), its
     * members may hold acknowledged writes PostgreSQL lacks, in spill files only they can read. Loading without them
     * and letting them bring their files back later would put a stock row older than what the new cluster sold since
     * beside it, and the newer would win: units sold twice. So the load waits, not ready and saying for whom, until
     * each of them has joined and put its spill into PostgreSQL ({@link #spillChecked}), for at most
     * {@code gridshop.startup.spill-wait}; then it loads without the missing ones, says so in an ERROR line, and
     * their spills, when they come, are counted as lost where the grid moved on ({@link #loadedWithout}).
     */
    void awaitPreviousMembers(NodeReadiness readiness) throws InterruptedException {
        String epoch = meta.get(MetaCache.LEASE_EPOCH);
        if (epoch == null) {
            return;
        }
        long deadline = System.nanoTime() + props.spillWait().toNanos();
        while (true) {
            try {
                Optional<ClusterLease.Lease> l = lease.read();
                if (l.isEmpty() || !l.get().epoch().equals(epoch)) {
                    throw new IllegalStateException("another grid cluster took this database's lease while this one waited "
                        + "to load [ours=" + epoch + ", now " + l.map(Object::toString).orElse("no lease") + "]");
                }
                if (l.get().awaiting().isEmpty()) {
                    return;
                }
                Set<String> awaiting = l.get().awaiting();
                Set<String> arrived = new TreeSet<>();
                for (String owner : awaiting) {
                    if (meta.containsKey(MetaCache.SPILL_CHECKED + owner)) {
                        arrived.add(owner);
                    }
                }
                if (!arrived.isEmpty()) {
                    lease.awaited(epoch, arrived);
                    LOG.info("Nodes of the cluster before this one are back, their spills in PostgreSQL [arrived={}]", arrived);
                    // Read again: a node names the members its spill knows of (awaitAlso) before it says it arrived,
                    // so what it added is in the lease now, not in the list read above.
                    continue;
                }
                Set<String> missing = new TreeSet<>(awaiting);
                if (System.nanoTime() > deadline) {
                    missing = new TreeSet<>(lease.stopAwaiting(epoch)); // all it still held, what was added since too
                    missing.removeIf(owner -> meta.containsKey(MetaCache.SPILL_CHECKED + owner));
                    meta.put(MetaCache.LOADED_WITHOUT, String.join(",", missing));
                    LOG.error("Loading the grid from PostgreSQL without nodes of the cluster before this one, which ended "
                        + "without a clean stop: writes they spilled and PostgreSQL lacks come back when they start, and "
                        + "where this cluster changed the same rows meanwhile they are counted as lost [missing={}, "
                        + "spillWait={}]", missing, props.spillWait());
                    return;
                }
                readiness.state("waiting for the nodes of this database's last cluster, which ended without a clean stop, "
                    + "to join and bring the writes they may have spilled (spill folders " + missing + "); start them; after "
                    + props.spillWait().toSeconds() + " s this cluster loads without them");
            } catch (SQLException | RuntimeException e) {
                if (!SqlErrors.isOutage(e)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException("the cluster lease could not be read", e);
                }
                readiness.state("waiting for PostgreSQL (reachable and writable) to read the cluster lease");
                // The members cannot put their spills into PostgreSQL either: an outage does not use up the wait.
                deadline = Math.max(deadline, System.nanoTime() + OUTAGE_GRACE.toNanos());
            }
            Thread.sleep(1_000);
        }
    }

    /** How long the wait for the last cluster's members goes on at least once PostgreSQL answers again. */
    private static final Duration OUTAGE_GRACE = Duration.ofSeconds(30);

    /**
     * Two nodes of one cluster with the same spill folder (a shared or copied data directory) would stand in for each
     * other in the wait for spills and replay each other's files: a node whose folder another server already names
     * does not start.
     */
    void checkSpillFolderUnique() {
        ClusterNode local = ignite.cluster().localNode();
        String mine = owner(local);
        for (ClusterNode n : ignite.cluster().forServers().nodes()) {
            if (!n.isLocal() && mine != null && mine.equals(owner(n))) {
                throw new IllegalStateException("another node of this cluster uses the same spill folder (owner.id " + mine
                    + ") [other=" + n.consistentId() + "]: give each node a spill-dir of its own "
                    + "(gridshop.write-behind.spill-dir), never a shared or copied one");
            }
        }
    }

    /**
     * This node's spill files named {@code members} as their cluster's (see {@code Spill#write}): while this cluster
     * still waits for the nodes of the one before it, it waits for these too. The lease's members come from renewals,
     * and a node that joined while PostgreSQL was down is in none: its spill would otherwise come back after the load,
     * its rows older than what was sold since. Retries while PostgreSQL cannot be reached.
     */
    void awaitAlso(Set<String> members, NodeReadiness readiness) throws InterruptedException {
        String epoch = meta.get(MetaCache.LEASE_EPOCH);
        Set<String> others = new TreeSet<>(members);
        others.remove(owner(ignite.cluster().localNode()));
        if (epoch == null || others.isEmpty() || StartupLoader.clusterLoaded(ignite)) {
            return;
        }
        while (true) {
            try {
                if (lease.awaitAlso(epoch, others)) {
                    LOG.info("This node's spill names nodes of the last cluster that no lease renewal recorded; the load "
                        + "waits for them too [members={}]", others);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (!SqlErrors.isOutage(e)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException("the cluster lease could not be written", e);
                }
                readiness.state("waiting for PostgreSQL (reachable and writable) to name the last cluster's nodes in its lease");
                Thread.sleep(1_000);
            }
        }
    }

    /** This node's spill is in PostgreSQL (or it had none): a cluster waiting for it to load need not wait any more. */
    void spillChecked() {
        meta.put(MetaCache.SPILL_CHECKED + owner(ignite.cluster().localNode()), holder);
    }

    /** True if this cluster loaded without this node's spill (spill-wait ran out before it came back). */
    boolean loadedWithout() {
        String without = meta.get(MetaCache.LOADED_WITHOUT);
        return without != null && Set.of(without.split(",")).contains(owner(ignite.cluster().localNode()));
    }

    private static final String RELEASED = "released";

    /** What became of the cluster that held the lease under an epoch a note of this node's names, as far as this one knows. */
    enum Fate {
        /** It is this cluster: it went on without this node, and its other copies and flushes took what this node held. */
        LIVES_ON,
        /** Its last node stopped cleanly with everything flushed (it released the lease). */
        ENDED_CLEANLY,
        /**
         * A node of it saw this node's process leave while its side had a majority (its note says so): it took over
         * this node's copies, and flushed, spilled or counted them.
         */
        OUTLIVED_THIS_NODE,
        /** The cluster this one took the lease from, and nobody is known to have outlived this node in it. */
        ENDED_WITH_THIS_NODE,
        /** Not the cluster this one took the lease from (or the note names no epoch): nobody here can say. */
        UNKNOWN
    }

    /**
     * A node of the cluster of lease {@code epoch} saw grid node {@code nodeId} leave while its side had a majority (a
     * note its earlier process left says so): kept in the meta cache, where that node, back, learns it was outlived.
     * Said before this node's spill counts as checked, so a cluster that waits for the last one's nodes has heard it
     * from every one of them that came back before it loads.
     */
    void outlived(String epoch, String nodeId) {
        if (epoch != null && !epoch.isEmpty() && nodeId != null && !nodeId.isEmpty()) {
            meta.put(MetaCache.OUTLIVED + epoch + ":" + nodeId, "1");
        }
    }

    /**
     * What became of the cluster of lease {@code epoch} (a note's; "" if it held none) for the process that was grid node
     * {@code nodeId} in it: see {@link Fate}. A side without a majority does not say it outlived anyone (it may have
     * been cut off while the others wrote), and a lease renewal does not either (every side renews).
     */
    Fate fateOf(String epoch, String nodeId) {
        if (epoch == null || epoch.isEmpty()) {
            return Fate.UNKNOWN;
        }
        if (epoch.equals(meta.get(MetaCache.LEASE_EPOCH))) {
            return Fate.LIVES_ON;
        }
        String taken = meta.get(MetaCache.LEASE_TAKEN_FROM);
        boolean takenFromIt = taken != null && taken.startsWith(epoch + "|");
        if (takenFromIt && taken.endsWith("|" + RELEASED)) {
            return Fate.ENDED_CLEANLY;
        }
        if (meta.containsKey(MetaCache.OUTLIVED + epoch + ":" + nodeId)) {
            return Fate.OUTLIVED_THIS_NODE;
        }
        return takenFromIt ? Fate.ENDED_WITH_THIS_NODE : Fate.UNKNOWN;
    }

    /** The spill owners of the cluster's server nodes: the names of their spill folders. */
    private Set<String> members() {
        return SpillOwners.ofServers(ignite);
    }

    private static String owner(ClusterNode n) {
        return SpillOwners.of(n);
    }

    /** The lease is this node's cluster's already (another node of it took it): this node renews it too. */
    private boolean ours(Optional<ClusterLease.Lease> l) {
        String epoch = meta.get(MetaCache.LEASE_EPOCH);
        if (l.isPresent() && l.get().epoch().equals(epoch)) {
            flusher.leaseEpoch(epoch);
            claimed = true;
            return true;
        }
        return false;
    }

    @Override
    public String name() {
        return "cluster lease";
    }

    @Override
    public boolean alive() {
        return ticker.beatWithin(Duration.ofMinutes(1));
    }
}
