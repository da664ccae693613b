package gridshop.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A product as shoppers see it; {@code stock} is the number of units available now; {@code highlight} only in a
 * search asked for with {@code highlight=true}.
 */
@Serdeable
public record ProductResponse(long id, String sku, String name, String description, String category,
                              String brand, BigDecimal price, double rating, int stock, @Nullable Highlight highlight) {
    public ProductResponse(long id, String sku, String name, String description, String category, String brand,
                           BigDecimal price, double rating, int stock) {
        this(id, sku, name, description, category, brand, price, rating, stock, null);
    }
}
