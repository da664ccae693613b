package gridshop.order;

import gridshop.api.order.OrderResponse;
import gridshop.platform.ApiException;
import gridshop.platform.PathIds;
import java.util.List;

/**
 * Placed orders: in the grid ({@link OrderService}) or in PostgreSQL (the postgres-direct baseline, {@code
 * gridshop.direct.DirectOrders}).
 */
public interface Orders {
    OrderResponse get(String orderId);

    /** The session's orders, newest first; 404 if the session is unknown or expired. */
    List<OrderResponse> ofSession(String sessionId);

    static ApiException notFound(String orderId) {
        return ApiException.notFound("no such order [orderId=" + PathIds.shorten(orderId) + "]");
    }
}
