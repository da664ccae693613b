package gridshop.persistence.order;

import gridshop.grid.order.CheckoutKey;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.persistence.platform.DurableTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Rebuilds cache {@code checkout_key} from the orders' {@code idempotency_key} column at start-up. Never
 * written to directly: the key reaches PostgreSQL with its order.
 */
public final class CheckoutKeyTable extends DurableTable<CheckoutKey, String> {

    @Override
    public String cache() {
        return CheckoutKeyCache.NAME;
    }

    @Override
    protected void emit(ResultSet rs, BiConsumer<CheckoutKey, String> sink) throws SQLException {
        sink.accept(new CheckoutKey(rs.getString(1), rs.getString(2)), rs.getString(3));
    }

    @Override
    protected String selectSql() {
        return "SELECT session_id, idempotency_key, order_id FROM orders";
    }

    @Override
    protected String upsertSql() {
        throw new UnsupportedOperationException("checkout keys are written with their orders");
    }

    @Override
    protected void bind(PreparedStatement ps, String value) {
        throw new UnsupportedOperationException("checkout keys are written with their orders");
    }

    @Override
    protected String read(ResultSet rs) {
        throw new UnsupportedOperationException("rows are emitted whole");
    }

    @Override
    public CheckoutKey key(String orderId) {
        throw new UnsupportedOperationException("a checkout key cannot be derived from its order id");
    }

    /** The order a checkout key names: its content, in the grid and in {@code orders.order_id}. */
    @Override
    public long fingerprint(String value) {
        return value.hashCode();
    }

    @Override
    protected long fingerprint(ResultSet rs, int[] indexes, String orderId) {
        return fingerprint(orderId);
    }

    @Override
    protected List<String> writtenColumns() {
        return List.of(); // written with its order, by OrderTable
    }
}
