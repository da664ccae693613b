package gridshop.grid.cart;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code cart}: sessionId → Cart, SQL table CART (scalar fields only; the lines are not columns).
 * Keyed by the session id with the same affinity function as cache {@code session}: a cart lives in its
 * session's partition, so the session check and the cart update of one request touch one primary node.
 * A cart has no expiry of its own (a sliding one would cost a write on every read): it is removed when its
 * session expires.
 */
public final class CartCache {
    public static final String NAME = "cart";

    private CartCache() {
    }

    public static CacheConfiguration<String, Cart> configuration(GridSettings settings) {
        CacheConfiguration<String, Cart> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setQueryEntities(java.util.List.of(SqlTable.of(String.class, Cart.class, "CART")
            .key("sessionId", String.class)
            .column("itemCount", Integer.class)
            .column("subtotal", BigDecimal.class)
            .column("updatedAt", Timestamp.class)
            .build()));
        return cfg;
    }
}
