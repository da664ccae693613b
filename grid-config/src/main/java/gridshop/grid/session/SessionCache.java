package gridshop.grid.session;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.sql.Timestamp;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code session}: sessionId → ShopperSession, SQL table SHOPPER_SESSION. Sliding expiry in steps: a write
 * restarts the grid's clock at {@link #gridIdle} ({@code gridshop.session.idle}, 30 min by default, plus a tenth),
 * and a touch writes the session again once its stored expiry lags by {@link #persistEvery}, so a session lives
 * from idle to idle plus a tenth after its last touch. A read does not move the grid's clock: with Ignite's touched
 * expiry every read rewrote the entry's expiry in page memory and its expiry index, and sent the new expiry to the
 * backup's node. The grid forgets an expired session by itself; PostgreSQL, which the same writes carry the
 * expiry to, forgets it through a sweep.
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

    /**
     * How long the grid keeps a session after it was last written: the idle time plus {@link #persistEvery}, the
     * longest a touched session waits before it is written again.
     */
    public static javax.cache.expiry.Duration gridIdle(java.time.Duration idle) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, idle.plus(persistEvery(idle)).toMillis());
    }

    public static CacheConfiguration<String, ShopperSession> configuration(GridSettings settings) {
        CacheConfiguration<String, ShopperSession> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(gridIdle(settings.sessionIdle())));
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
