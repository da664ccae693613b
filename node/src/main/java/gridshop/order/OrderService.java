package gridshop.order;

import gridshop.api.order.OrderItemResponse;
import gridshop.api.order.OrderResponse;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderCache;
import gridshop.platform.GridMode;
import gridshop.platform.PathIds;
import gridshop.session.SessionService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.FieldsQueryCursor;
import org.apache.ignite.cache.query.SqlFieldsQuery;

/** Reads orders: one by id (one key lookup), or a session's by SQL on the (session_id, created_at) index. */
@GridMode
@Singleton
public final class OrderService implements Orders {
    private final IgniteCache<String, Order> orders;
    private final SessionService sessions;

    OrderService(Ignite ignite, SessionService sessions) {
        this.orders = ignite.cache(OrderCache.NAME);
        this.sessions = sessions;
    }

    @Override
    public OrderResponse get(String orderId) {
        Order o = orderId.length() > PathIds.MAX_TEXT_ID ? null : orders.get(orderId);
        if (o == null) {
            throw Orders.notFound(orderId);
        }
        return response(o);
    }

    @Override
    public List<OrderResponse> ofSession(String sessionId) {
        sessions.require(sessionId);
        List<String> ids;
        try (FieldsQueryCursor<List<?>> c = orders.query(new SqlFieldsQuery(
            // H2, whatever the analysts' default engine: a one-partition lookup it plans in microseconds.
            "SELECT /*+ QUERY_ENGINE('h2') */ order_id FROM ORDERS WHERE session_id = ? ORDER BY created_at DESC, order_id")
            .setArgs(sessionId))) {
            ids = c.getAll().stream().map(r -> (String) r.get(0)).toList();
        }
        Map<String, Order> found = orders.getAll(Set.copyOf(ids));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).map(OrderService::response)
            .collect(Collectors.toList());
    }

    public static OrderResponse response(Order o) {
        List<OrderItemResponse> items = o.items().stream()
            .map(i -> new OrderItemResponse(i.productId(), i.name(), i.unitPrice(), i.quantity(), i.lineTotal()))
            .toList();
        return new OrderResponse(o.orderId(), o.sessionId(), o.status(), items, o.total(), o.createdAt().toInstant());
    }
}
