package gridshop.api.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

@Serdeable
public record PriceRequest(BigDecimal price) {
}
