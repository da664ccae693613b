package gridshop.cart;

import gridshop.api.cart.CartResponse;
import gridshop.catalog.CatalogService;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartCache;
import gridshop.grid.cart.CartLine;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import gridshop.platform.OwnerCalls;
import gridshop.session.SessionService;
import io.micronaut.context.annotation.Context;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Carts. A change locks only the cart (in its session's partition) for read-modify-write; the product and
 * its stock are read before the transaction, from this node's catalog index, so adding to a cart never locks
 * catalog or inventory rows and asks no other node for them.
 * The stock check here is advisory (what a shopper may put in a cart); checkout reserves for real.
 */
@GridMode
@Context // eager: other nodes send this node its sessions' writes (OwnerCalls) from its start
public final class CartService implements Carts {
    private final IgniteCache<String, Cart> carts;
    private final SessionService sessions;
    private final CatalogService catalog;
    private final GridTransactions tx;
    private final OwnerCalls owner;

    CartService(Ignite ignite, SessionService sessions, CatalogService catalog, GridTransactions tx, OwnerCalls owner) {
        this.carts = ignite.cache(CartCache.NAME);
        this.sessions = sessions;
        this.catalog = catalog;
        this.tx = tx;
        this.owner = owner;
        owner.register(SET, args -> changeQuantity((String) args[0], (Long) args[1], (Integer) args[2]));
        owner.register(REMOVE, args -> removeLine((String) args[0], (Long) args[1]));
    }

    private static final String SET = "cart.set-quantity";
    private static final String REMOVE = "cart.remove";

    @Override
    public CartResponse get(String sessionId) {
        sessions.require(sessionId);
        Cart cart = carts.get(sessionId);
        return Carts.response(cart == null ? Cart.empty(sessionId) : cart);
    }

    @Override
    public CartResponse setQuantity(String sessionId, long productId, Integer quantity) {
        Carts.checkQuantity(quantity);
        return Carts.response(owner.<Cart>call(CartCache.NAME, sessionId, SET, sessionId, productId, quantity));
    }

    /**
     * On the session's primary (see {@link OwnerCalls}): the stock check from its index, the cart changed locally. The
     * grid's value travels back, not the response (Ignite's marshaller does not write records).
     */
    private Cart changeQuantity(String sessionId, long productId, Integer quantity) {
        sessions.require(sessionId);
        CatalogService.Offer offer = catalog.offer(productId);
        if (quantity > offer.available()) {
            throw Carts.notEnoughStock(productId, quantity, offer.available());
        }
        CartLine line = new CartLine(productId, offer.name(), offer.price(), quantity);
        return tx.write(writes -> {
            Cart before = current(sessionId);
            Carts.checkRoom(before, productId);
            Cart cart = before.withLine(line, now());
            writes.put(carts, sessionId, cart);
            return cart;
        });
    }

    @Override
    public CartResponse remove(String sessionId, long productId) {
        return Carts.response(owner.<Cart>call(CartCache.NAME, sessionId, REMOVE, sessionId, productId));
    }

    private Cart removeLine(String sessionId, long productId) {
        sessions.require(sessionId);
        return tx.write(writes -> {
            Cart cart = current(sessionId);
            if (!cart.hasLine(productId)) {
                return cart;
            }
            Cart next = cart.withoutLine(productId, now());
            writes.put(carts, sessionId, next);
            return next;
        });
    }

    private Cart current(String sessionId) {
        Cart cart = carts.get(sessionId);
        return cart == null ? Cart.empty(sessionId) : cart;
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
