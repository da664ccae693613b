package gridshop.api.admin;

import gridshop.api.platform.Limits;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

@Serdeable
public record PriceRequest(@NotNull @DecimalMin(Limits.MIN_PRICE) @DecimalMax(Limits.MAX_PRICE)
                           @Digits(integer = Limits.PRICE_INTEGER_DIGITS, fraction = Limits.PRICE_FRACTION_DIGITS)
                           BigDecimal price) {
}
