package gridshop.direct;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.checkout.Checkout} and
 * {@link gridshop.admin.Merchant} ports: a row of {@code inventory} (its escrow columns are the grid's).
 */
@MappedEntity("inventory")
record InventoryRow(@Id long productId, int available, long unitsSold, BigDecimal revenue, long version,
                    Instant updatedAt) {
}
