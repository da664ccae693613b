package gridshop.api.cart;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

@Serdeable
public record CartResponse(String sessionId, List<CartLineResponse> items, int itemCount, BigDecimal subtotal) {
}
