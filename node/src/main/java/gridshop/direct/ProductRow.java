package gridshop.direct;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.catalog.Catalog} and
 * {@link gridshop.admin.Merchant} ports: a row of {@code product} (its generated {@code search_words} left to
 * PostgreSQL).
 */
@MappedEntity("product")
record ProductRow(@Id long id, String sku, String name, String description, String category, String brand,
                  BigDecimal price, double rating, long version, Instant updatedAt) {
}
