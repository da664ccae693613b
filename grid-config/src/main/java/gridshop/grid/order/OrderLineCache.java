package gridshop.grid.order;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import org.apache.ignite.configuration.CacheConfiguration;

/** Cache {@code order_line}: (orderId, lineNo) → OrderLine, SQL table ORDER_LINE, in its order's partition. */
public final class OrderLineCache {
    public static final String NAME = "order_line";

    private OrderLineCache() {
    }

    public static CacheConfiguration<OrderLineKey, OrderLine> configuration(GridSettings settings) {
        CacheConfiguration<OrderLineKey, OrderLine> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setQueryEntities(List.of(SqlTable.of(OrderLineKey.class, OrderLine.class, "ORDER_LINE")
            .keyColumn("orderId", String.class)
            .keyColumn("lineNo", Integer.class)
            .column("productId", Long.class)
            .column("category", String.class)
            .column("brand", String.class)
            .column("quantity", Integer.class)
            .column("unitPrice", BigDecimal.class)
            .column("lineTotal", BigDecimal.class)
            .column("createdAt", Timestamp.class)
            .index("createdAt")
            .index("productId")
            .build()));
        return cfg;
    }
}
