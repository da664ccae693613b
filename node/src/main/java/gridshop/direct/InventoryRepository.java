package gridshop.direct;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.checkout.Checkout} and
 * {@link gridshop.admin.Merchant} ports: table {@code inventory}.
 */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InventoryRepository extends GenericRepository<InventoryRow, Long> {

    /**
     * The products of a checkout with their stock rows locked until the transaction ends, in ascending product id:
     * concurrent checkouts of overlapping carts then wait for each other instead of deadlocking.
     */
    @Query("""
        SELECT p.id, p.name, p.category, p.brand, p.price, i.available
        FROM product p JOIN inventory i ON i.product_id = p.id
        WHERE p.id IN (:productIds) ORDER BY p.id FOR UPDATE OF i""")
    List<StockLine> lockForCheckout(Collection<Long> productIds);

    /** Takes sold units from a stock row locked by {@link #lockForCheckout} and counts the sale. */
    @Query("""
        UPDATE inventory SET available = available - :quantity, units_sold = units_sold + :quantity,
          revenue = revenue + :revenue, version = version + 1, updated_at = :updatedAt
        WHERE product_id = :productId""")
    void sell(long productId, int quantity, BigDecimal revenue, Instant updatedAt);

    /** Sets a product's available units (its row made on the first call); 0 rows when there is no such product. */
    @Query("""
        INSERT INTO inventory (product_id, available, version, updated_at)
        SELECT id, :available, 1, :updatedAt FROM product WHERE id = :productId
        ON CONFLICT (product_id) DO UPDATE SET available = EXCLUDED.available,
          version = inventory.version + 1, updated_at = EXCLUDED.updated_at""")
    int setAvailable(long productId, int available, Instant updatedAt);
}
