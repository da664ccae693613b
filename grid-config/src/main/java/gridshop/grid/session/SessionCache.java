package gridshop.grid.session;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code session}: sessionId → ShopperSession, SQL table SHOPPER_SESSION. Sliding expiry: every read
 * or write restarts the idle clock ({@code gridshop.session.idle}, 30 min by default). The grid forgets an
 * expired session by itself; PostgreSQL learns of the sliding expiry through {@link #persistEvery}, and forgets
 * expired sessions through a sweep.
 */
public final class SessionCache {
    public static final String NAME = "session";

    private SessionCache() {
    }

    /**
     * How stale the {@code expiresAt} kept in PostgreSQL may get while the shopper is active: a session touched
     * when its stored expiry is older than idle minus this is written again (a tenth of the idle time).
     */
    public static java.time.Duration persistEvery(java.time.Duration idle) {
        return idle.dividedBy(10);
    }

    public static CacheConfiguration<String, ShopperSession> configuration(GridSettings settings) {
        CacheConfiguration<String, ShopperSession> cfg = DurableCaches.partitioned(NAME, settings);
        long idleMs = settings.sessionIdle().toMillis();
        cfg.setExpiryPolicyFactory(TouchedExpiryPolicy.factoryOf(
            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, idleMs)));
        cfg.setEagerTtl(true);
        cfg.setQueryEntities(java.util.List.of(SqlTable.of(String.class, ShopperSession.class, "SHOPPER_SESSION")
            .key("sessionId", String.class)
            .column("customerId", String.class)
            .column("createdAt", Timestamp.class)
            .column("expiresAt", Timestamp.class)
            .build()));
        return cfg;
    }
}
