package gridshop.direct;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.cart.Carts;
import gridshop.catalog.Catalog;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Carts}.
 *
 * <p>Carts in table {@code cart}, one row per session. A change runs in one transaction that first touches (and
 * so locks) the session row, then reads, changes and writes the cart.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectCarts implements Carts {
    private final CartRepository carts;
    private final DirectSessions sessions;
    private final Catalog catalog;

    DirectCarts(CartRepository carts, DirectSessions sessions, Catalog catalog) {
        this.carts = carts;
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @Override
    @Transactional
    public CartResponse get(String sessionId) {
        sessions.touch(sessionId);
        return Carts.response(carts.current(sessionId));
    }

    @Override
    @Transactional
    public CartResponse setQuantity(String sessionId, long productId, Integer quantity) {
        Carts.checkQuantity(quantity);
        ProductResponse p = catalog.product(productId);
        sessions.touch(sessionId);
        if (quantity > p.stock()) {
            throw Carts.notEnoughStock(productId, quantity, p.stock());
        }
        Cart before = carts.current(sessionId);
        Carts.checkRoom(before, productId);
        Cart cart = before.withLine(new CartLine(productId, p.name(), p.price(), quantity), now());
        carts.write(before, cart);
        return Carts.response(cart);
    }

    @Override
    @Transactional
    public CartResponse remove(String sessionId, long productId) {
        sessions.touch(sessionId);
        Cart cart = carts.current(sessionId);
        if (!cart.hasLine(productId)) {
            return Carts.response(cart);
        }
        Cart next = cart.withoutLine(productId, now());
        carts.write(cart, next);
        return Carts.response(next);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
