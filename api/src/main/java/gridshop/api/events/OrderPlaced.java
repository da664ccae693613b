package gridshop.api.events;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Topic {@code gridshop.orders}, key = order id. */
@Serdeable
public record OrderPlaced(String eventId, String type, Instant occurredAt, String orderId, String sessionId,
                          BigDecimal total, List<Item> items) {
    @Serdeable
    public record Item(long productId, int quantity, BigDecimal unitPrice) {
    }
}
