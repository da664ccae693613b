package gridshop.direct;

import gridshop.api.order.OrderResponse;
import gridshop.grid.order.Order;
import gridshop.order.OrderService;
import gridshop.order.Orders;
import gridshop.persistence.order.OrderTable;
import gridshop.platform.PathIds;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Orders}.
 *
 * <p>Orders read from tables {@code orders} and {@code order_line}.
 */
@DirectMode
@Singleton
final class DirectOrders implements Orders {
    private static final OrderTable TABLE = new OrderTable();

    private final Jdbc jdbc;
    private final DirectSessions sessions;

    DirectOrders(Jdbc jdbc, DirectSessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public OrderResponse get(String orderId) {
        if (orderId.length() > PathIds.MAX_TEXT_ID) {
            throw Orders.notFound(orderId);
        }
        List<Order> found = jdbc.read(c -> TABLE.find(c, "order_id = ?", null, orderId));
        if (found.isEmpty()) {
            throw Orders.notFound(orderId);
        }
        return OrderService.response(found.get(0));
    }

    @Override
    public List<OrderResponse> ofSession(String sessionId) {
        return jdbc.write(c -> {
            sessions.touch(c, sessionId);
            return TABLE.find(c, "session_id = ?", "created_at DESC, order_id", sessionId).stream()
                .map(OrderService::response).toList();
        });
    }
}
