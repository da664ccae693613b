package gridshop.grid.deadletter;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code dead_letter}: id → DeadLetter. Partitioned with a backup like the data it names, so a parked
 * write survives the crash of the node that parked it. Few entries, read whole by the admin API.
 */
public final class DeadLetterCache {
    public static final String NAME = "dead_letter";

    private DeadLetterCache() {
    }

    public static CacheConfiguration<String, DeadLetter> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
