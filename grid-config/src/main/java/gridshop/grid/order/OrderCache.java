package gridshop.grid.order;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code orders}: orderId → Order, SQL table ORDERS. An order id is a random UUID drawn until it hashes
 * to its session's partition ({@link #newOrderId}): the order, its lines, the session and the cart then share
 * a primary node, and the id alone still finds the order in one hop — without exposing the session id.
 */
public final class OrderCache {
    public static final String NAME = "orders";

    private OrderCache() {
    }

    public static CacheConfiguration<String, Order> configuration(GridSettings settings) {
        CacheConfiguration<String, Order> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setQueryParallelism(DurableCaches.ANALYST_PARALLELISM);
        cfg.setQueryEntities(List.of(SqlTable.of(String.class, Order.class, "ORDERS")
            .key("orderId", String.class)
            .column("sessionId", String.class)
            .column("status", String.class)
            .column("total", BigDecimal.class)
            .column("itemCount", Integer.class)
            .column("createdAt", Timestamp.class)
            .index("sessionId", "createdAt")
            .index("createdAt")
            .build()));
        return cfg;
    }

    /** A new, unguessable order id in the same partition as {@code sessionId}. */
    public static String newOrderId(Ignite ignite, String sessionId) {
        Affinity<Object> affinity = ignite.affinity(NAME);
        int partition = affinity.partition(sessionId);
        // One secure random UUID keeps the id unguessable; a short suffix, counted up, moves it to the session's
        // partition (about as many tries as there are partitions, each a hash, not a draw from SecureRandom).
        String base = UUID.randomUUID() + "-";
        for (int i = 0; ; i++) {
            String id = base + Integer.toString(i, 36);
            if (affinity.partition(id) == partition) {
                return id;
            }
        }
    }
}
