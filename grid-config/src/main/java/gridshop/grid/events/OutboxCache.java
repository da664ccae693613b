package gridshop.grid.events;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code outbox}: events written in the business transaction, with a backup, removed once Kafka has
 * acknowledged them. Kafka down: they wait here; a node down: its backups become primaries and relay them.
 */
public final class OutboxCache {
    public static final String NAME = "outbox";

    private OutboxCache() {
    }

    public static CacheConfiguration<OutboxKey, OutboxEvent> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
