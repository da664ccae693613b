package gridshop.api.admin;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Serdeable
public record StockRequest(@NotNull @Min(0) Integer available) {
}
