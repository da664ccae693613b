package gridshop.session;

import gridshop.grid.cart.CartCache;
import gridshop.grid.session.SessionCache;
import gridshop.platform.GridMode;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cart goes with its session: when the grid expires a session, the node that is primary for it removes the
 * session's cart (same partition). PostgreSQL's copy goes with the session sweep. Eager: it must listen from
 * the start.
 */
@GridMode
@Context
final class CartExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(CartExpiry.class);
    private final Ignite ignite;
    private final IgniteCache<String, ?> carts;
    // Off Ignite's event thread: a removal is a transaction.
    private final ExecutorService removals = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gridshop-cart-expiry");
        t.setDaemon(true);
        return t;
    });

    CartExpiry(Ignite ignite) {
        this.ignite = ignite;
        this.carts = ignite.cache(CartCache.NAME);
        ignite.events().localListen(this::expired, EventType.EVT_CACHE_OBJECT_EXPIRED);
    }

    private boolean expired(org.apache.ignite.events.Event e) {
        CacheEvent ce = (CacheEvent) e;
        if (SessionCache.NAME.equals(ce.cacheName())
            && ignite.affinity(CartCache.NAME).isPrimary(ignite.cluster().localNode(), ce.key())) {
            String sessionId = (String) ce.key();
            removals.submit(() -> remove(sessionId));
        }
        return true;
    }

    private void remove(String sessionId) {
        try {
            carts.remove(sessionId);
        } catch (RuntimeException e) {
            LOG.warn("Cart of an expired session not removed [sessionId={}, error={}]", sessionId, e.toString());
        }
    }

    @PreDestroy
    void close() {
        removals.shutdownNow();
    }
}
