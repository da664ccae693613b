package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.catalog.Catalog;
import gridshop.catalog.CatalogFeed;
import gridshop.events.EventOutbox;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.platform.Versions;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import gridshop.platform.Inputs;
import gridshop.stock.Escrow;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Merchant writes. Each locks the one entry it changes (product or stock) for read-modify-write and records
 * it in the write journal in the same transaction. Once committed, the change goes into this node's catalog index
 * at once (a merchant reads their own write back); other nodes' indexes get it from their continuous queries.
 */
@GridMode
@Singleton
final class AdminService implements Merchant {
    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;
    private final GridTransactions tx;
    private final EventOutbox events;
    private final CatalogFeed feed;
    private final Escrow escrow;

    AdminService(Ignite ignite, GridTransactions tx, EventOutbox events, CatalogFeed feed, Escrow escrow) {
        this.escrow = escrow;
        this.products = ignite.cache(ProductCache.NAME);
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.tx = tx;
        this.events = events;
        this.feed = feed;
    }

    @Override
    public boolean upsert(long id, ProductUpsertRequest p) {
        ProductInput.check(id, p);
        BigDecimal price = Inputs.price(p.price());
        Product[] written = new Product[1];
        boolean created = tx.write(writes -> {
            Product old = products.get(id);
            written[0] = new Product(id, p.sku(), p.name(), p.description(), p.category(), p.brand(), price, p.rating(),
                Versions.next(old == null ? 0 : old.version()), now());
            writes.put(products, id, written[0]);
            if (old != null && old.price().compareTo(price) != 0) {
                events.priceChanged(old, written[0]);
            }
            return old == null;
        });
        feed.wroteProducts(List.of(written[0]));
        return created;
    }

    @Override
    public void price(long id, BigDecimal requested) {
        BigDecimal price = Inputs.price(requested);
        Product next = tx.write(writes -> {
            Product old = products.get(id);
            if (old == null) {
                throw Catalog.noSuchProduct(id);
            }
            Product changed = old.withPrice(price, now());
            writes.put(products, id, changed);
            events.priceChanged(old, changed);
            return changed;
        });
        feed.wroteProducts(List.of(next));
    }

    @Override
    public void stock(long id, Integer available) {
        Merchant.checkAvailable(available);
        Stock next = tx.write(writes -> {
            if (products.get(id) == null) {
                throw Catalog.noSuchProduct(id);
            }
            // Units lent to lanes (escrow) come back first: the merchant's count replaces the whole level.
            Stock old = escrow.recall(inventory.get(id), now(), writes);
            Stock changed = old == null ? new Stock(id, available, Versions.first(), now()) : old.withAvailable(available, now());
            writes.put(inventory, id, changed);
            events.stockChanged(changed, available - (old == null ? 0 : old.available()));
            return changed;
        });
        feed.wroteStock(List.of(next));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS)); // as PostgreSQL keeps it
    }
}
