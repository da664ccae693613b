package gridshop.order;

import gridshop.api.order.OrderResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

@Controller("/api")
final class OrderController {
    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @Get("/orders/{orderId}")
    OrderResponse get(String orderId) {
        return orders.get(orderId);
    }

    @Get("/sessions/{sessionId}/orders")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<OrderResponse> ofSession(String sessionId) {
        return orders.ofSession(sessionId);
    }
}
