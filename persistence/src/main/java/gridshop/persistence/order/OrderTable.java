package gridshop.persistence.order;

import gridshop.grid.order.CheckoutKey;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.grid.order.Order;
import gridshop.grid.order.OrderCache;
import gridshop.grid.order.OrderItem;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders are immutable once placed, so the upsert only inserts. Reading an order back joins its lines,
 * aggregated per order, so an order comes back whole in one pass.
 */
public final class OrderTable extends DurableTable<String, Order> {

    @Override
    public String cache() {
        return OrderCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO orders (order_id, session_id, status, total, item_count, idempotency_key, created_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version
            WHERE orders.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, Order o) throws SQLException {
        ps.setString(1, o.orderId());
        ps.setString(2, o.sessionId());
        ps.setString(3, o.status());
        ps.setBigDecimal(4, o.total());
        ps.setInt(5, o.itemCount());
        ps.setString(6, o.idempotencyKey());
        Timestamps.set(ps, 7, o.createdAt());
        ps.setLong(8, o.version());
    }

    @Override
    protected String selectSql() {
        return """
            SELECT o.order_id, o.session_id, o.status, o.total, o.item_count, o.idempotency_key, o.created_at, o.version,
                   array_agg(l.product_id ORDER BY l.line_no) AS product_ids,
                   array_agg(l.name ORDER BY l.line_no) AS names,
                   array_agg(l.category ORDER BY l.line_no) AS categories,
                   array_agg(l.brand ORDER BY l.line_no) AS brands,
                   array_agg(l.unit_price ORDER BY l.line_no) AS unit_prices,
                   array_agg(l.quantity ORDER BY l.line_no) AS quantities
            FROM orders o JOIN order_line l ON l.order_id = o.order_id
            GROUP BY o.order_id""";
    }

    @Override
    protected Order read(ResultSet rs) throws SQLException {
        Long[] ids = (Long[]) rs.getArray("product_ids").getArray();
        String[] names = (String[]) rs.getArray("names").getArray();
        String[] categories = (String[]) rs.getArray("categories").getArray();
        String[] brands = (String[]) rs.getArray("brands").getArray();
        java.math.BigDecimal[] prices = (java.math.BigDecimal[]) rs.getArray("unit_prices").getArray();
        Integer[] quantities = (Integer[]) rs.getArray("quantities").getArray();
        List<OrderItem> items = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            items.add(new OrderItem(ids[i], names[i], categories[i], brands[i], prices[i], quantities[i]));
        }
        return new Order(rs.getString("order_id"), rs.getString("session_id"), rs.getString("status"), items,
            rs.getString("idempotency_key"), rs.getLong("version"), Timestamps.get(rs, "created_at"));
    }

    @Override
    public String key(Order o) {
        return o.orderId();
    }

    /** An order's Idempotency-Key, which the load rebuilds from this table (CheckoutKeyTable). */
    @Override
    public List<Derived> derived(Object value) {
        Order o = (Order) value;
        return o.idempotencyKey() == null ? List.of() : List.of(new Derived(CheckoutKeyCache.NAME, new CheckoutKey(o.sessionId(), o.idempotencyKey()), o.orderId()));
    }

    @Override
    protected long version(Order value) {
        return value.version();
    }

}
