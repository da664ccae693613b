package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.persistence.platform.ClusterLease;
import gridshop.persistence.platform.SqlErrors;
import gridshop.persistence.platform.StartupLoader;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import gridshop.platform.Ticker;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One grid per database. A node that starts alone forms a new cluster (static or Kubernetes discovery cannot tell
 * "the others are gone" from "the others are cut off"), and a new cluster loads its grid from PostgreSQL: while the
 * old cluster still runs behind a network cut, the two would sell the same stock and write over each other. So the
 * running cluster's oldest node renews the lease in PostgreSQL every second (table {@code cluster_lease}), and the
 * node about to load watches it first ({@link #claimForNewGrid}): a count that moves means another cluster is alive,
 * and this node stays not ready, says so, and after {@code gridshop.startup.lease-give-up} fails its start (the JVM
 * exits; an orchestrator starts it again, when it may reach the others). A count that holds still (every node of
 * the old cluster stopped or killed) is taken over by compare-and-set, so of two lone starters one loads.
 */
@GridMode
@Singleton
final class ClusterLeaseKeeper implements BackgroundLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLeaseKeeper.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private final Ignite ignite;
    private final ClusterLease lease;
    private final StartupProperties props;
    private final String holder;
    private final Ticker ticker;
    /** This node took the lease to load a new grid: it renews until the load is done (then the oldest node does). */
    private volatile boolean loading;
    private volatile boolean warnedUnreachable;

    ClusterLeaseKeeper(Ignite ignite, HikariDataSource pool, StartupProperties props) {
        this.ignite = ignite;
        this.lease = new ClusterLease(pool);
        this.props = props;
        ClusterNode local = ignite.cluster().localNode();
        this.holder = local.consistentId() + " (" + local.id() + ")";
        this.ticker = new Ticker("gridshop-cluster-lease", EVERY, this::tick);
    }

    @PreDestroy
    void close() {
        ticker.close();
    }

    private void tick() {
        boolean loaded = StartupLoader.clusterLoaded(ignite);
        if (loaded) {
            loading = false;
        }
        ClusterNode oldest = ignite.cluster().forServers().forOldest().node();
        boolean renew = loading || (loaded && oldest != null && oldest.isLocal());
        if (!renew) {
            return;
        }
        try {
            lease.renew(holder);
            warnedUnreachable = false;
        } catch (SQLException e) {
            if (!warnedUnreachable) {
                LOG.warn("The cluster lease cannot be renewed (PostgreSQL unreachable or refusing writes); a node "
                    + "starting alone meanwhile waits to see it renewed before it loads [error={}]", e.toString());
                warnedUnreachable = true;
            }
        }
    }

    /**
     * Before this node loads a new grid from PostgreSQL: returns once it holds the lease, having seen the count hold
     * still for {@code leaseWatch} (or no lease at all); throws if another cluster kept renewing it for
     * {@code leaseGiveUp}. Retries while PostgreSQL is unreachable.
     */
    void claimForNewGrid(NodeReadiness readiness) throws InterruptedException, SQLException {
        long giveUp = System.nanoTime() + props.leaseGiveUp().toNanos();
        String other = null; // what readiness says once another cluster was seen renewing, until the lease is taken
        while (true) {
            try {
                OptionalLong seen = lease.renewals();
                if (seen.isPresent()) {
                    readiness.state(other != null ? other
                        : "checking that no other cluster runs on this database (" + props.leaseWatch().toSeconds() + " s)");
                    Thread.sleep(props.leaseWatch().toMillis());
                    OptionalLong now = lease.renewals();
                    if (!now.equals(seen)) {
                        String what = lease.describe();
                        other = "not ready: another grid cluster runs on this database and this node cannot reach it ("
                            + what + "); check the network and the discovery addresses";
                        readiness.state(other);
                        LOG.warn("Another grid cluster renews this database's lease and this node cannot reach it; not "
                            + "loading a second grid from the same rows [{}, renewalsSeen={}, renewalsNow={}]", what,
                            seen.getAsLong(), now.getAsLong());
                        if (System.nanoTime() > giveUp) {
                            throw new IllegalStateException("another grid cluster runs on this database and this node "
                                + "cannot reach it (" + what + "): it does not load a second grid; check the network and "
                                + "the discovery addresses, then start it again");
                        }
                        continue;
                    }
                }
                if (lease.take(seen, holder)) {
                    loading = true;
                    LOG.info("Cluster lease taken: no other cluster runs on this database [holder={}, renewalsSeen={}]",
                        holder, seen.isPresent() ? seen.getAsLong() : 0);
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

    @Override
    public String name() {
        return "cluster lease";
    }

    @Override
    public boolean alive() {
        return ticker.beatWithin(Duration.ofMinutes(1));
    }
}
