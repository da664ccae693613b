package gridshop.catalog.index;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code rememberSearches}: false makes every word search compute its matches instead of reusing those of a recent
 * identical search (what the benchmark measures without). {@code feedBatch}: how long a node buffers the product and
 * stock changes of its primary partitions before it sends them to each other node as one message (0: one message per
 * change and node, as before batching).
 */
@ConfigurationProperties("gridshop.catalog")
public record CatalogProperties(boolean rememberSearches, Duration feedBatch) {
}
