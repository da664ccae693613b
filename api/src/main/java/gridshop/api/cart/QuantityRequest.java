package gridshop.api.cart;

import gridshop.api.platform.Limits;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT .../cart/items/{productId}}; the quantity replaces the line's quantity (1..99). */
@Serdeable
public record QuantityRequest(@NotNull @Min(1) @Max(Limits.MAX_QUANTITY) Integer quantity) {
}
