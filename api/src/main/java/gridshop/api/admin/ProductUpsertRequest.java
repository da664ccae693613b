package gridshop.api.admin;

import gridshop.api.platform.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A product as a merchant writes it: every field of Product but {@code stock}; {@code id} may be left out. */
@Serdeable
public record ProductUpsertRequest(@Nullable Long id,
                                   @NotBlank @Size(max = Limits.MAX_SKU) String sku,
                                   @NotBlank @Size(max = Limits.MAX_NAME) String name,
                                   @NotNull @Size(max = Limits.MAX_DESCRIPTION) String description,
                                   @NotBlank @Size(max = Limits.MAX_CATEGORY) String category,
                                   @NotBlank @Size(max = Limits.MAX_BRAND) String brand,
                                   @NotNull @DecimalMin(Limits.MIN_PRICE) @DecimalMax(Limits.MAX_PRICE)
                                   @Digits(integer = Limits.PRICE_INTEGER_DIGITS, fraction = Limits.PRICE_FRACTION_DIGITS)
                                   BigDecimal price,
                                   @NotNull @DecimalMin("0") @DecimalMax("5") Double rating) {
}
