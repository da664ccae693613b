package gridshop.api.cart;

import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code PUT .../cart/items/{productId}}; the quantity replaces the line's quantity (1..99). */
@Serdeable
public record QuantityRequest(Integer quantity) {
}
