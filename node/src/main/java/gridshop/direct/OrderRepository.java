package gridshop.direct;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.order.Orders} and {@link gridshop.checkout.Checkout} ports: table {@code orders}. */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderRepository extends GenericRepository<OrderRow, String> {

    Optional<OrderRow> findById(String orderId);

    /** The order an Idempotency-Key placed (unique per session). */
    Optional<OrderRow> findBySessionIdAndIdempotencyKey(String sessionId, String idempotencyKey);

    List<OrderRow> findBySessionId(String sessionId, Sort sort);

    OrderRow save(OrderRow order);
}
