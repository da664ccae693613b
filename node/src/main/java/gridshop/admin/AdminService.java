package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.catalog.Catalog;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.platform.WriteJournal;
import gridshop.events.EventOutbox;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Merchant writes. Each locks the one entry it changes (product or stock) for read-modify-write and records
 * its journal marker in the same transaction. Reads go to the primary copy (no near caches), so every node
 * serves a new price as soon as the transaction commits.
 */
@GridMode
@Singleton
final class AdminService implements Merchant {
    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;
    private final WriteJournal journal;
    private final GridTransactions tx;
    private final EventOutbox events;

    AdminService(Ignite ignite, WriteJournal journal, GridTransactions tx, EventOutbox events) {
        this.products = ignite.cache(ProductCache.NAME);
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.journal = journal;
        this.tx = tx;
        this.events = events;
    }

    @Override
    public boolean upsert(long id, ProductUpsertRequest p) {
        ProductInput.check(id, p);
        BigDecimal price = ProductInput.price(p.price());
        return tx.write(() -> {
            Product old = products.get(id);
            journal.put(products, id, new Product(id, p.sku(), p.name(), p.description(), p.category(), p.brand(),
                price, p.rating(), old == null ? 1 : old.version() + 1, now()));
            return old == null;
        });
    }

    @Override
    public void price(long id, BigDecimal requested) {
        BigDecimal price = ProductInput.price(requested);
        tx.write(() -> {
            Product old = products.get(id);
            if (old == null) {
                throw Catalog.noSuchProduct(id);
            }
            Product next = old.withPrice(price, now());
            journal.put(products, id, next);
            events.priceChanged(old, next);
            return old;
        });
    }

    @Override
    public void stock(long id, Integer available) {
        Merchant.checkAvailable(available);
        tx.write(() -> {
            if (products.get(id) == null) {
                throw Catalog.noSuchProduct(id);
            }
            Stock old = inventory.get(id);
            Stock next = old == null ? new Stock(id, available, 1, now()) : old.withAvailable(available, now());
            journal.put(inventory, id, next);
            events.stockChanged(next, available - (old == null ? 0 : old.available()));
            return old;
        });
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
