package gridshop.api.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A product as a merchant writes it: every field of Product but {@code stock}; {@code id} may be left out. */
@Serdeable
public record ProductUpsertRequest(Long id, String sku, String name, String description, String category,
                                   String brand, BigDecimal price, Double rating) {
}
