package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
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
            if (lease.renew(epoch, holder)) {
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
                if (lease.take(count, epoch, holder)) {
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
