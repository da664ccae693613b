package gridshop.grid.report;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code report}: id → Report, the analyst reports asked for over REST and their results. Partitioned
 * with a backup, so any node answers and a report outlives the node that computed it. Not written to
 * PostgreSQL: a report is derived data, kept for {@code gridshop.reports.keep} after its last change.
 */
public final class ReportCache {
    public static final String NAME = "report";

    private ReportCache() {
    }

    public static CacheConfiguration<String, Report> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
