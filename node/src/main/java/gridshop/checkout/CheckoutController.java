package gridshop.checkout;

import gridshop.api.order.OrderResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;

@Controller("/api/sessions/{sessionId}/checkout")
final class CheckoutController {
    private final Checkout checkout;

    CheckoutController(Checkout checkout) {
        this.checkout = checkout;
    }

    /** 201 with the new order; 200 with the same order when the Idempotency-Key was used before. */
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<OrderResponse> checkout(String sessionId, @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Checkout.Placed placed = checkout.checkout(sessionId, idempotencyKey);
        OrderResponse body = placed.order();
        return placed.created()
            ? HttpResponse.created(body, URI.create("/api/orders/" + body.orderId()))
            : HttpResponse.ok(body);
    }
}
