import gridshop.catalog.index.ProductJson;
import gridshop.catalog.index.CatalogIndex;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.Stock;
import gridshop.persistence.catalog.DemoCatalog;
import io.micronaut.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the catalog index costs in the heap: for each catalog size, the demo catalog's products and stock put into a
 * fresh {@link CatalogIndex} (as a node's start-up does), and the heap in use after a full GC before and after,
 * with the index held. Prints "BENCH-INDEX {...}" per size for scripts/bench, with bytes per product.
 *   java -Xmx3g -cp NODE_CLASSPATH scripts/bench/IndexSize.java PRODUCTS [PRODUCTS…]
 */
public final class IndexSize {
    public static void main(String[] args) {
        ProductJson json = new ProductJson(JsonMapper.createDefault());
        for (String arg : args) {
            long products = Long.parseLong(arg);
            long before = heapAfterGc();
            CatalogIndex index = new CatalogIndex(json);
            List<Product> batch = new ArrayList<>();
            List<Stock> stock = new ArrayList<>();
            for (long id = 1; id <= products; id++) {
                batch.add(DemoCatalog.product(id));
                stock.add(new Stock(id, DemoCatalog.stock(id), 1, DemoCatalog.createdAt()));
                if (batch.size() == 100_000 || id == products) {
                    index.apply(batch);
                    index.stock(stock);
                    batch.clear();
                    stock.clear();
                }
            }
            long after = heapAfterGc();
            if (index.size() != products) {
                throw new IllegalStateException("the index holds " + index.size() + " products, not " + products);
            }
            System.out.printf(Locale.ROOT, "BENCH-INDEX {\"products\":%d,\"heap_bytes\":%d,\"bytes_per_product\":%.0f}%n",
                products, after - before, (after - before) / (double) products);
            java.lang.ref.Reference.reachabilityFence(index); // held until measured
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
