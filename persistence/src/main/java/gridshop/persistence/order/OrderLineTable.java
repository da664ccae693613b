package gridshop.persistence.order;

import gridshop.grid.order.OrderLine;
import gridshop.grid.order.OrderLineCache;
import gridshop.grid.order.OrderLineKey;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Order lines never change once written: a second flush of the same line is a no-op. */
public final class OrderLineTable extends DurableTable<OrderLineKey, OrderLine> {

    @Override
    public String cache() {
        return OrderLineCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO order_line (order_id, line_no, product_id, name, category, brand, quantity, unit_price,
              line_total, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (order_id, line_no) DO NOTHING""";
    }

    @Override
    protected void bind(PreparedStatement ps, OrderLine l) throws SQLException {
        ps.setString(1, l.orderId());
        ps.setInt(2, l.lineNo());
        ps.setLong(3, l.productId());
        ps.setString(4, l.name());
        ps.setString(5, l.category());
        ps.setString(6, l.brand());
        ps.setInt(7, l.quantity());
        ps.setBigDecimal(8, l.unitPrice());
        ps.setBigDecimal(9, l.lineTotal());
        Timestamps.set(ps, 10, l.createdAt());
    }

    @Override
    protected String selectSql() {
        return """
            SELECT order_id, line_no, product_id, name, category, brand, quantity, unit_price, line_total, created_at
            FROM order_line""";
    }

    @Override
    protected OrderLine read(ResultSet rs) throws SQLException {
        return new OrderLine(rs.getString("order_id"), rs.getInt("line_no"), rs.getLong("product_id"),
            rs.getString("name"), rs.getString("category"), rs.getString("brand"), rs.getInt("quantity"),
            rs.getBigDecimal("unit_price"), Timestamps.get(rs, "created_at"));
    }

    @Override
    public OrderLineKey key(OrderLine l) {
        return l.key();
    }
}
