package gridshop.direct;

import io.micronaut.core.annotation.Introspected;
import java.math.BigDecimal;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.checkout.Checkout} port: a product and its stock, locked for a checkout. */
@Introspected
record StockLine(long id, String name, String category, String brand, BigDecimal price, int available) {
}
