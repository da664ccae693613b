package gridshop.persistence.cart;

import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartCache;
import gridshop.grid.cart.CartLine;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A cart is one row; its lines are parallel arrays so the whole cart is written by one upsert. */
public final class CartTable extends DurableTable<String, Cart> {

    @Override
    public String cache() {
        return CartCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO cart (session_id, product_ids, names, unit_prices, quantities, item_count, subtotal,
              version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET product_ids = EXCLUDED.product_ids, names = EXCLUDED.names,
              unit_prices = EXCLUDED.unit_prices, quantities = EXCLUDED.quantities,
              item_count = EXCLUDED.item_count, subtotal = EXCLUDED.subtotal, version = EXCLUDED.version,
              updated_at = EXCLUDED.updated_at
            WHERE cart.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, Cart cart) throws SQLException {
        Connection c = ps.getConnection();
        List<CartLine> lines = cart.lines();
        ps.setString(1, cart.sessionId());
        ps.setArray(2, c.createArrayOf("bigint", lines.stream().map(CartLine::productId).toArray()));
        ps.setArray(3, c.createArrayOf("text", lines.stream().map(CartLine::name).toArray()));
        ps.setArray(4, c.createArrayOf("numeric", lines.stream().map(CartLine::unitPrice).toArray()));
        ps.setArray(5, c.createArrayOf("integer", lines.stream().map(CartLine::quantity).toArray()));
        ps.setInt(6, cart.itemCount());
        ps.setBigDecimal(7, cart.subtotal());
        ps.setLong(8, cart.version());
        Timestamps.set(ps, 9, cart.updatedAt());
    }

    @Override
    protected String selectSql() {
        // Only the carts of live sessions come back into the grid: a cart expires with its session. item_count and
        // subtotal follow from the lines; they are read for the consistency check, which hashes every written column.
        return "SELECT c.session_id, c.product_ids, c.names, c.unit_prices, c.quantities, c.item_count, c.subtotal,"
            + " c.version, c.updated_at FROM cart c"
            + " WHERE EXISTS (SELECT 1 FROM shopper_session s WHERE s.session_id = c.session_id AND s.expires_at > now())";
    }

    @Override
    protected Cart read(ResultSet rs) throws SQLException {
        Long[] ids = array(rs.getArray("product_ids"), Long[].class);
        String[] names = array(rs.getArray("names"), String[].class);
        BigDecimal[] prices = array(rs.getArray("unit_prices"), BigDecimal[].class);
        Integer[] quantities = array(rs.getArray("quantities"), Integer[].class);
        List<CartLine> lines = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            lines.add(new CartLine(ids[i], names[i], prices[i], quantities[i]));
        }
        return new Cart(rs.getString("session_id"), lines, rs.getLong("version"), Timestamps.get(rs, "updated_at"));
    }

    private static <T> T array(Array a, Class<T> type) throws SQLException {
        return type.cast(a.getArray());
    }

    @Override
    public String key(Cart cart) {
        return cart.sessionId();
    }

    @Override
    protected long version(Cart value) {
        return value.version();
    }

}
