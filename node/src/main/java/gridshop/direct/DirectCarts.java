package gridshop.direct;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.cart.Carts;
import gridshop.catalog.Catalog;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Carts}.
 *
 * <p>Carts in table {@code cart}, one row per session. A change runs in one transaction that first touches (and
 * so locks) the session row, then reads, changes and upserts the cart.
 */
@DirectMode
@Singleton
final class DirectCarts implements Carts {
    private final Jdbc jdbc;
    private final DirectSessions sessions;
    private final Catalog catalog;

    DirectCarts(Jdbc jdbc, DirectSessions sessions, Catalog catalog) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @Override
    public CartResponse get(String sessionId) {
        return Carts.response(jdbc.write(c -> {
            sessions.touch(c, sessionId);
            return DirectCartRows.current(c, sessionId);
        }));
    }

    @Override
    public CartResponse setQuantity(String sessionId, long productId, Integer quantity) {
        Carts.checkQuantity(quantity);
        ProductResponse p = catalog.product(productId);
        return Carts.response(jdbc.write(c -> {
            sessions.touch(c, sessionId);
            if (quantity > p.stock()) {
                throw Carts.notEnoughStock(productId, quantity, p.stock());
            }
            Cart before = DirectCartRows.current(c, sessionId);
            Carts.checkRoom(before, productId);
            Cart cart = before.withLine(new CartLine(productId, p.name(), p.price(), quantity), now());
            DirectCartRows.save(c, cart);
            return cart;
        }));
    }

    @Override
    public CartResponse remove(String sessionId, long productId) {
        return Carts.response(jdbc.write(c -> {
            sessions.touch(c, sessionId);
            Cart cart = DirectCartRows.current(c, sessionId);
            if (!cart.hasLine(productId)) {
                return cart;
            }
            Cart next = cart.withoutLine(productId, now());
            DirectCartRows.save(c, next);
            return next;
        }));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
