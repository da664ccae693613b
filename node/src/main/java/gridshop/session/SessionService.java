package gridshop.session;

import gridshop.grid.platform.Versions;
import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.SessionIds;
import gridshop.grid.session.ShopperSession;
import gridshop.platform.ApiException;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import gridshop.platform.SessionPlacement;
import gridshop.platform.RoutingProperties;
import gridshop.platform.ShopperIds;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Shopper sessions. A session expires {@code gridshop.session.idle} (to a tenth more) after its last touch: every
 * read through this service is a touch, and {@code expiresAt} is "now + idle" after it. The session is written
 * again (in the grid, whose clock restarts, and so in PostgreSQL) whenever its stored expiry is more than a tenth
 * of the idle time behind, so that an active shopper's session survives a full restart; the reads in between
 * cost the grid nothing ({@link SessionCache}). A new session's id puts it, where it can, in a partition this
 * node is primary for ({@link SessionIds}).
 */
@GridMode
@Singleton
public final class SessionService implements Sessions {
    private final IgniteCache<String, ShopperSession> sessions;
    /** Reads through this restart the grid's clock: only while writes are paused. */
    private final IgniteCache<String, ShopperSession> touching;
    private final GridTransactions tx;
    private final Duration idle;
    private final Duration persistEvery;
    private final SessionIds ids;
    private final ShopperIds shopperIds;

    SessionService(Ignite ignite, GridTransactions tx, GridSettings settings, RoutingProperties routing, ShopperIds shopperIds,
                   SessionPlacement placement) {
        this.shopperIds = shopperIds;
        this.sessions = ignite.cache(SessionCache.NAME);
        this.touching = sessions.withExpiryPolicy(new TouchedExpiryPolicy(SessionCache.gridIdle(settings.sessionIdle())));
        this.ids = new SessionIds(ignite, routing.localSessions(), placement::preferred);
        this.tx = tx;
        this.idle = settings.sessionIdle();
        this.persistEvery = SessionCache.persistEvery(idle);
    }

    @Override
    public SessionCreatedResponse create(String customerId) {
        Sessions.checkCustomerId(customerId);
        Instant now = Instant.now();
        // The grid, PostgreSQL and the analysts keep the customer id sealed (ShopperIds): only this API opens it.
        ShopperSession s = new ShopperSession(ids.next(), shopperIds.sealCustomer(customerId), Timestamp.from(now),
            Timestamp.from(now.plus(idle)), Versions.first());
        tx.write(writes -> {
            writes.put(sessions, s.sessionId(), s);
            return s;
        });
        return new SessionCreatedResponse(s.sessionId(), s.expiresAt().toInstant());
    }

    @Override
    public SessionResponse get(String sessionId) {
        ShopperSession s = require(sessionId);
        return new SessionResponse(s.sessionId(), shopperIds.openCustomer(s.customerId()), s.createdAt().toInstant(),
            Instant.now().plus(idle));
    }

    /** The live session (touching it, and writing its expiry when the stored one lags), or 404. */
    public ShopperSession require(String sessionId) {
        ShopperSession s = sessionId.length() > PathIds.MAX_TEXT_ID ? null : sessions.get(sessionId);
        if (s == null) {
            throw Sessions.notFound(sessionId);
        }
        return lagging(s, Instant.now()) ? extend(s) : s;
    }

    private boolean lagging(ShopperSession s, Instant now) {
        return s.expiresAt().toInstant().isBefore(now.plus(idle).minus(persistEvery));
    }

    private ShopperSession extend(ShopperSession seen) {
        try {
            return tx.write(writes -> {
                Instant now = Instant.now();
                ShopperSession current = sessions.get(seen.sessionId());
                if (current == null) {
                    throw Sessions.notFound(seen.sessionId());
                }
                if (!lagging(current, now)) {
                    return current;
                }
                ShopperSession next = current.extendedTo(Timestamp.from(now.plus(idle)));
                writes.put(sessions, next.sessionId(), next);
                return next;
            });
        } catch (ApiException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                // Writes are paused (PostgreSQL behind): the session stays live in the grid by a touching read,
                // and a later touch writes it.
                ShopperSession touched = touching.get(seen.sessionId());
                return touched == null ? seen : touched;
            }
            throw e;
        }
    }
}
