package gridshop.cart;

import gridshop.api.cart.CartLineResponse;
import gridshop.api.cart.CartResponse;
import gridshop.grid.cart.Cart;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;
import java.util.List;

/**
 * Shopping carts, one per session: in the grid ({@link CartService}) or in PostgreSQL (the postgres-direct
 * baseline, {@code gridshop.direct.DirectCarts}).
 */
public interface Carts {
    int MAX_QUANTITY = Inputs.MAX_QUANTITY;

    CartResponse get(String sessionId);

    CartResponse setQuantity(String sessionId, long productId, Integer quantity);

    CartResponse remove(String sessionId, long productId);

    static void checkQuantity(Integer quantity) {
        if (quantity == null) {
            throw ApiException.badRequest("quantity is required");
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.badRequest("quantity must be from 1 to " + MAX_QUANTITY + " [quantity=" + quantity + "]");
        }
    }

    /** A cart takes a new line only while it has fewer than {@link Inputs#MAX_CART_LINES}. */
    static void checkRoom(Cart cart, long productId) {
        if (!cart.hasLine(productId) && cart.lines().size() >= Inputs.MAX_CART_LINES) {
            throw ApiException.conflict("the cart already holds the most lines a cart may have; remove one first [lines="
                + cart.lines().size() + ", max=" + Inputs.MAX_CART_LINES + "]", List.of(productId));
        }
    }

    static ApiException notEnoughStock(long productId, int quantity, int available) {
        return ApiException.conflict("only " + available + " units in stock [productId=" + productId
            + ", quantity=" + quantity + "]", List.of(productId));
    }

    static CartResponse response(Cart cart) {
        List<CartLineResponse> lines = cart.lines().stream()
            .map(l -> new CartLineResponse(l.productId(), l.name(), l.unitPrice(), l.quantity(), l.lineTotal()))
            .toList();
        return new CartResponse(cart.sessionId(), lines, cart.itemCount(), cart.subtotal());
    }
}
