package gridshop.api.order;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

@Serdeable
public record OrderItemResponse(long productId, String name, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {
}
