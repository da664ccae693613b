package gridshop.cart;

import gridshop.api.cart.CartResponse;
import gridshop.api.cart.QuantityRequest;
import gridshop.platform.PathIds;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/api/sessions/{sessionId}/cart")
final class CartController {
    private final Carts carts;

    CartController(Carts carts) {
        this.carts = carts;
    }

    @Get
    CartResponse get(String sessionId) {
        return carts.get(sessionId);
    }

    @Put("/items/{productId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CartResponse put(String sessionId, String productId, @Body QuantityRequest body) {
        return carts.setQuantity(sessionId, PathIds.productId(productId), body.quantity());
    }

    @Delete("/items/{productId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CartResponse delete(String sessionId, String productId) {
        return carts.remove(sessionId, PathIds.productId(productId));
    }
}
