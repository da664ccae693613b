package gridshop.direct;

import gridshop.grid.cart.Cart;
import gridshop.persistence.cart.CartTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.cart.Carts} and
 * {@link gridshop.checkout.Checkout} ports: a session's cart row in PostgreSQL, read and written within the
 * caller's transaction.
 */
final class DirectCartRows {
    private static final CartTable TABLE = new CartTable();

    private DirectCartRows() {
    }

    /** The session's cart, or an empty one if it has none. */
    public static Cart current(Connection c, String sessionId) throws SQLException {
        List<Cart> found = TABLE.find(c, "session_id = ?", null, sessionId);
        return found.isEmpty() ? Cart.empty(sessionId) : found.get(0);
    }

    public static void save(Connection c, Cart cart) throws SQLException {
        TABLE.upsert(c, List.of(cart));
    }
}
