package gridshop.order;

import gridshop.api.order.OrderResponse;
import gridshop.platform.ApiException;
import gridshop.platform.PathIds;
import gridshop.platform.ShopperIds;
import java.util.List;

/**
 * Placed orders: in the grid ({@link OrderService}) or in PostgreSQL (the postgres-direct baseline, {@code
 * gridshop.direct.DirectOrders}).
 */
public interface Orders {
    OrderResponse get(String orderId);

    /** The session's orders, newest first; 404 if the session is unknown or expired. */
    List<OrderResponse> ofSession(String sessionId);

    /** The order with the ids the shopper holds (signed: see {@link ShopperIds}). */
    static OrderResponse signed(OrderResponse o, ShopperIds ids) {
        return new OrderResponse(ids.order(o.orderId()), ids.session(o.sessionId()), o.status(), o.items(), o.total(),
            o.createdAt());
    }

    static ApiException notFound(String orderId) {
        return ApiException.notHeld("no such order [orderId=" + PathIds.shorten(orderId) + "]");
    }
}
