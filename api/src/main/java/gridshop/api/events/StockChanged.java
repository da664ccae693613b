package gridshop.api.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Topic {@code gridshop.inventory}, key = product id; {@code version} grows with every change of that stock. */
@Serdeable
public record StockChanged(String eventId, String type, Instant occurredAt, long productId, int available, int change,
                           long version) {
}
