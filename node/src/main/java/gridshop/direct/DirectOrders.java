package gridshop.direct;

import gridshop.api.order.OrderResponse;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderItem;
import gridshop.order.OrderService;
import gridshop.order.Orders;
import gridshop.platform.PathIds;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Orders}.
 *
 * <p>Orders read from tables {@code orders} and {@code order_line}: the orders, then the lines of all of them in
 * one query.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectOrders implements Orders {
    private static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("orderId"));

    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final DirectSessions sessions;

    DirectOrders(OrderRepository orders, OrderLineRepository lines, DirectSessions sessions) {
        this.orders = orders;
        this.lines = lines;
        this.sessions = sessions;
    }

    @Override
    @Transactional(readOnly = true)
    public OrderResponse get(String orderId) {
        if (orderId.length() > PathIds.MAX_TEXT_ID) {
            throw Orders.notFound(orderId);
        }
        OrderRow row = orders.findById(orderId).orElseThrow(() -> Orders.notFound(orderId));
        return OrderService.response(whole(List.of(row)).get(0));
    }

    @Override
    @Transactional
    public List<OrderResponse> ofSession(String sessionId) {
        sessions.touch(sessionId);
        return whole(orders.findBySessionId(sessionId, NEWEST_FIRST)).stream().map(OrderService::response).toList();
    }

    /** Within the caller's transaction: the orders with their lines. */
    List<Order> whole(List<OrderRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderLineRow>> byOrder = lines.linesOf(rows.stream().map(OrderRow::orderId).toList()).stream()
            .collect(Collectors.groupingBy(l -> l.id().orderId()));
        List<Order> out = new ArrayList<>(rows.size());
        for (OrderRow o : rows) {
            List<OrderItem> items = byOrder.getOrDefault(o.orderId(), List.of()).stream()
                .map(l -> new OrderItem(l.productId(), l.name(), l.category(), l.brand(), l.unitPrice(), l.quantity()))
                .toList();
            out.add(new Order(o.orderId(), o.sessionId(), o.status(), items, o.idempotencyKey(), o.version(),
                Timestamp.from(o.createdAt())));
        }
        return out;
    }
}
