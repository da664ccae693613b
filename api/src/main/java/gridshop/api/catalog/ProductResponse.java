package gridshop.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A product as shoppers see it; {@code stock} is the number of units available now. */
@Serdeable
public record ProductResponse(long id, String sku, String name, String description, String category,
                              String brand, BigDecimal price, double rating, int stock) {
}
