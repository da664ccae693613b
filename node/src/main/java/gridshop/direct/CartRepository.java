package gridshop.direct;

import gridshop.grid.cart.Cart;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.cart.Carts} and
 * {@link gridshop.checkout.Checkout} ports: table {@code cart}, read and written within the caller's transaction,
 * which holds the session row's lock (so no two writers of one cart meet).
 */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CartRepository extends GenericRepository<CartRow, String> {

    Optional<CartRow> findById(String sessionId);

    CartRow save(CartRow cart);

    CartRow update(CartRow cart);

    /** The session's cart, or an empty one (version 0: it has no row yet). */
    default Cart current(String sessionId) {
        return findById(sessionId).map(CartRow::cart).orElseGet(() -> Cart.empty(sessionId));
    }

    /** Writes the cart that replaced {@code before}: a cart's first change inserts its row, later ones update it. */
    default void write(Cart before, Cart after) {
        if (before.version() == 0) {
            save(CartRow.of(after));
        } else {
            update(CartRow.of(after));
        }
    }
}
