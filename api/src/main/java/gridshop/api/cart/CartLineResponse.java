package gridshop.api.cart;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

@Serdeable
public record CartLineResponse(long productId, String name, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {
}
