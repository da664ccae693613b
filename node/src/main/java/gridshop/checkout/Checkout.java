package gridshop.checkout;

import gridshop.api.order.OrderResponse;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;
import gridshop.platform.PathIds;

/**
 * Checkout of a session's cart: in the grid ({@link CheckoutService}) or in PostgreSQL (the postgres-direct
 * baseline, {@code gridshop.direct.DirectCheckout}).
 */
public interface Checkout {
    /** The order and whether this call created it (false: the key was used before, nothing changed). */
    record Placed(OrderResponse order, boolean created) {
    }

    Placed checkout(String sessionId, String idempotencyKey);

    static void checkKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > PathIds.MAX_TEXT_ID) {
            throw ApiException.badRequest("header Idempotency-Key is required, 1 to " + PathIds.MAX_TEXT_ID + " characters");
        }
        Inputs.text("header Idempotency-Key", idempotencyKey, PathIds.MAX_TEXT_ID);
    }

    /** The key was used, but its order cannot be read (its partition was lost and not yet reloaded). */
    static ApiException replayMissing(String sessionId, String orderId) {
        return ApiException.unavailable("this Idempotency-Key placed an order that cannot be read right now; retry "
            + "shortly [sessionId=" + sessionId + ", orderId=" + orderId + "]", 5);
    }

    static ApiException emptyCart(String sessionId) {
        return ApiException.badRequest("the cart is empty [sessionId=" + sessionId + "]");
    }

    static ApiException notEnoughStock(java.util.List<Long> productIds) {
        return ApiException.conflict("not enough stock for " + productIds.size() + " product(s); the cart is unchanged",
            productIds);
    }
}
