package gridshop.session;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import gridshop.persistence.session.SessionSweep;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import gridshop.platform.Ticker;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the PostgreSQL sweep of expired sessions and their carts on the oldest server node of the cluster (one
 * node is enough; if it leaves, the next oldest takes over on its next tick). The grid has the last word on
 * whether a session is gone: PostgreSQL's expiry lags while writes are paused. Asking it is a plain read (the
 * session cache's expiry moves on writes only), so the sweep keeps nobody alive.
 */
@GridMode
@Context
final class SessionSweeper implements BackgroundLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);
    private static final Duration STALLED = Duration.ofMinutes(10);
    private final Ignite ignite;
    private final SessionSweep sweep;
    private final Ticker ticker;

    SessionSweeper(Ignite ignite, HikariDataSource pool, GridSettings settings,
                   SessionProperties session) {
        this.ignite = ignite;
        IgniteCache<String, ShopperSession> sessions = ignite.cache(SessionCache.NAME);
        this.sweep = new SessionSweep(pool, settings.sessionIdle(), SessionCache.persistEvery(settings.sessionIdle()),
            ids -> sessions.getAll(new HashSet<>(ids)).keySet());
        this.ticker = new Ticker("gridshop-session-sweep", session.sweepInterval(), this::tick);
    }

    @PreDestroy
    void close() {
        ticker.close();
    }

    private void tick() {
        try {
            ClusterNode oldest = ignite.cluster().forServers().forOldest().node();
            if (oldest == null || !oldest.isLocal()) {
                return;
            }
            SessionSweep.Swept deleted = sweep.run();
            if (deleted.sessions() + deleted.carts() + deleted.keptLive() > 0) {
                LOG.info("Expired sessions deleted from PostgreSQL [sessions={}, carts={}, keptLiveInGrid={}]",
                    deleted.sessions(), deleted.carts(), deleted.keptLive());
            }
        } catch (SQLException e) {
            LOG.warn("Session sweep failed (PostgreSQL unreachable?); next tick tries again [error={}]", e.toString());
        }
    }

    @Override
    public String name() {
        return "session sweep";
    }

    @Override
    public boolean alive() {
        return ticker.beatWithin(STALLED);
    }
}
