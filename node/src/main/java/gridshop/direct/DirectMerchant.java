package gridshop.direct;

import gridshop.admin.Merchant;
import gridshop.admin.ProductInput;
import gridshop.api.admin.ProductUpsertRequest;
import gridshop.catalog.Catalog;
import gridshop.platform.Inputs;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The postgres-direct comparison baseline for the merchant port {@link Merchant} (it keeps the catalog the shopper
 * ports read in that mode).
 *
 * <p>Merchant writes as PostgreSQL statements (each row's version grows by one, as in the grid): a product is
 * inserted if new (which waits for a concurrent insert of the same id), else updated.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectMerchant implements Merchant {
    private final ProductRepository products;
    private final InventoryRepository stock;

    DirectMerchant(ProductRepository products, InventoryRepository stock) {
        this.products = products;
        this.stock = stock;
    }

    @Override
    @Transactional
    public boolean upsert(long id, ProductUpsertRequest p) {
        ProductInput.check(id, p);
        BigDecimal price = Inputs.price(p.price());
        Instant now = Instant.now();
        if (products.insertIfAbsent(id, p.sku(), p.name(), p.description(), p.category(), p.brand(), price, p.rating(), now) == 1) {
            return true;
        }
        products.update(id, p.sku(), p.name(), p.description(), p.category(), p.brand(), price, p.rating(), now);
        return false;
    }

    @Override
    @Transactional
    public void price(long id, BigDecimal requested) {
        BigDecimal price = Inputs.price(requested);
        if (products.updatePrice(id, price, Instant.now()) == 0) {
            throw Catalog.noSuchProduct(id);
        }
    }

    @Override
    @Transactional
    public void stock(long id, Integer available) {
        Merchant.checkAvailable(available);
        if (stock.setAvailable(id, available, Instant.now()) == 0) {
            throw Catalog.noSuchProduct(id);
        }
    }
}
