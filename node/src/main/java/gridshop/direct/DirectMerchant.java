package gridshop.direct;

import gridshop.admin.Merchant;
import gridshop.admin.ProductInput;
import gridshop.api.admin.ProductUpsertRequest;
import gridshop.catalog.Catalog;
import gridshop.platform.Inputs;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The postgres-direct comparison baseline for the merchant port {@link Merchant} (it keeps the catalog the shopper
 * ports read in that mode).
 *
 * <p>Merchant writes as single PostgreSQL statements (each row's version grows by one, as in the grid).
 */
@DirectMode
@Singleton
final class DirectMerchant implements Merchant {
    private final Jdbc jdbc;

    DirectMerchant(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean upsert(long id, ProductUpsertRequest p) {
        ProductInput.check(id, p);
        BigDecimal price = Inputs.price(p.price());
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO product (id, sku, name, description, category, brand, price, rating, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name,
                  description = EXCLUDED.description, category = EXCLUDED.category, brand = EXCLUDED.brand,
                  price = EXCLUDED.price, rating = EXCLUDED.rating, version = product.version + 1,
                  updated_at = EXCLUDED.updated_at
                RETURNING version""")) {
                ps.setLong(1, id);
                ps.setString(2, p.sku());
                ps.setString(3, p.name());
                ps.setString(4, p.description());
                ps.setString(5, p.category());
                ps.setString(6, p.brand());
                ps.setBigDecimal(7, price);
                ps.setDouble(8, p.rating());
                ps.setTimestamp(9, now());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }

    @Override
    public void price(long id, BigDecimal requested) {
        BigDecimal price = Inputs.price(requested);
        update(id, "UPDATE product SET price = ?, version = version + 1, updated_at = ? WHERE id = ?", price);
    }

    @Override
    public void stock(long id, Integer available) {
        Merchant.checkAvailable(available);
        update(id, """
            INSERT INTO inventory (product_id, available, version, updated_at)
            SELECT id, ?, 1, ? FROM product WHERE id = ?
            ON CONFLICT (product_id) DO UPDATE SET available = EXCLUDED.available,
              version = inventory.version + 1, updated_at = EXCLUDED.updated_at""", available);
    }

    /** Runs a statement with (value, now, id); no row changed means no such product. */
    private void update(long id, String sql, Object value) {
        int changed = jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, value);
                ps.setTimestamp(2, now());
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw Catalog.noSuchProduct(id);
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
