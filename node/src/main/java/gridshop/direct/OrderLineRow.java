package gridshop.direct;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.math.BigDecimal;
import java.time.Instant;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.order.Orders} and {@link gridshop.checkout.Checkout} ports: a row of {@code order_line}. */
@MappedEntity("order_line")
record OrderLineRow(@EmbeddedId Key id, long productId, String name, String category, String brand, int quantity,
                    BigDecimal unitPrice, BigDecimal lineTotal, Instant createdAt) {

    /** The primary key (order_id, line_no). */
    @Embeddable
    record Key(@MappedProperty("order_id") String orderId, @MappedProperty("line_no") int lineNo) {
    }
}
