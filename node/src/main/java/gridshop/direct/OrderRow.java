package gridshop.direct;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.order.Orders} and {@link gridshop.checkout.Checkout} ports: a row of {@code orders}. */
@MappedEntity("orders")
record OrderRow(@Id String orderId, String sessionId, String status, BigDecimal total, int itemCount,
                String idempotencyKey, Instant createdAt, long version) {
}
