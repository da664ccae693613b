package gridshop.api.events;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/** Topic {@code gridshop.prices}, key = product id; {@code version} grows with every change of that product. */
@Serdeable
public record PriceChanged(String eventId, String type, Instant occurredAt, long productId, BigDecimal oldPrice,
                           BigDecimal newPrice, long version) {
}
