package gridshop.direct;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.order.Orders} and {@link gridshop.checkout.Checkout} ports: table {@code order_line}. */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderLineRepository extends GenericRepository<OrderLineRow, OrderLineRow.Key> {

    /** The lines of these orders, each order's in line order. */
    @Query("SELECT * FROM order_line WHERE order_id IN (:orderIds) ORDER BY order_id, line_no")
    List<OrderLineRow> linesOf(Collection<String> orderIds);

    List<OrderLineRow> saveAll(Iterable<OrderLineRow> lines);
}
