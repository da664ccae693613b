package gridshop.grid.order;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code checkout_key}: (sessionId, Idempotency-Key) → orderId. Written in the checkout transaction;
 * its durable copy is the order's own {@code idempotency_key} column, from which it is rebuilt at start-up.
 */
public final class CheckoutKeyCache {
    public static final String NAME = "checkout_key";

    private CheckoutKeyCache() {
    }

    public static CacheConfiguration<CheckoutKey, String> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
