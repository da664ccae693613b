package gridshop.grid.catalog;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code stock_slice}: (productId, lane) → StockSlice, the units of a product lent to a lane (escrow). Lane
 * {@code n} is partition {@code n} ({@link SliceKey} maps by lane), for {@value #LANES} lanes: each node sells from a
 * lane it is primary for, so a checkout's stock is a local row however many nodes there are.
 */
public final class StockSliceCache {
    public static final String NAME = "stock_slice";
    /** Lanes 0..63: one bit each in {@link Stock#lanes()}. */
    public static final int LANES = 64;

    private StockSliceCache() {
    }

    public static CacheConfiguration<SliceKey, StockSlice> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
