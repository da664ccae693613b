package gridshop.grid.order;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code orders}: orderId → Order, SQL table ORDERS. An order id is a random UUID with a suffix that puts
 * it in its session's partition ({@link OrderIds}): the order, its lines, the session and the cart then share
 * a primary node, and the id alone still finds the order in one hop — without exposing the session id.
 */
public final class OrderCache {
    public static final String NAME = "orders";

    private OrderCache() {
    }

    public static CacheConfiguration<String, Order> configuration(GridSettings settings) {
        CacheConfiguration<String, Order> cfg = DurableCaches.partitioned(NAME, settings);
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
}
