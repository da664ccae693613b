package gridshop.direct;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.catalog.Catalog} and
 * {@link gridshop.admin.Merchant} ports: table {@code product}. The catalog search, whose filters and order vary per
 * request, is built in DirectCatalog.
 */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductRepository extends GenericRepository<ProductRow, Long> {
    /** A product joined to its stock (a product without an inventory row has none). */
    String COLUMNS = "SELECT p.id, p.sku, p.name, p.description, p.category, p.brand, p.price, p.rating, "
        + "COALESCE(i.available, 0) AS stock FROM product p LEFT JOIN inventory i ON i.product_id = p.id";

    @Query(COLUMNS + " WHERE p.id = :id")
    Optional<ProductView> findView(long id);

    @Query("SELECT category AS name, COUNT(*) AS product_count FROM product GROUP BY category ORDER BY category COLLATE \"C\"")
    List<CategoryCount> categories();

    /** 1 if the product was new, 0 if it existed (then {@link #update} changes it). */
    @Query("""
        INSERT INTO product (id, sku, name, description, category, brand, price, rating, version, updated_at)
        VALUES (:id, :sku, :name, :description, :category, :brand, :price, :rating, 1, :updatedAt)
        ON CONFLICT (id) DO NOTHING""")
    int insertIfAbsent(long id, String sku, String name, String description, String category, String brand,
                       BigDecimal price, double rating, Instant updatedAt);

    @Query("""
        UPDATE product SET sku = :sku, name = :name, description = :description, category = :category,
          brand = :brand, price = :price, rating = :rating, version = version + 1, updated_at = :updatedAt
        WHERE id = :id""")
    int update(long id, String sku, String name, String description, String category, String brand,
               BigDecimal price, double rating, Instant updatedAt);

    @Query("UPDATE product SET price = :price, version = version + 1, updated_at = :updatedAt WHERE id = :id")
    int updatePrice(long id, BigDecimal price, Instant updatedAt);
}
