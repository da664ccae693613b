package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.persistence.catalog.DemoCatalogWriter;
import gridshop.persistence.platform.Database;
import gridshop.direct.DirectMode;
import gridshop.platform.Tokens;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of postgres-direct mode: the pool has migrated the schema; write the demo catalog into an empty
 * database, then report ready. No grid node starts.
 */
@DirectMode
@Singleton
final class DirectStartup implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DirectStartup.class);

    private final HikariDataSource pool;
    private final NodeReadiness readiness;
    private final Tokens tokens;
    private final long demoProducts;

    DirectStartup(HikariDataSource pool, NodeReadiness readiness, Tokens tokens,
                  DemoProperties demo) {
        this.pool = pool;
        this.readiness = readiness;
        this.tokens = tokens;
        this.demoProducts = demo.products();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = ReadyBanner.url(event);
        try {
            readiness.state("migrating the schema");
            Database.migrate(pool);
            readiness.state("writing the demo catalog");
            DemoCatalogWriter.writeIfEmpty(pool, demoProducts);
            readiness.markReady();
            LOG.info("gridshop ready in postgres-direct mode (no grid) [url={}]", url);
            ReadyBanner.print("gridshop (postgres-direct mode)", url, tokens, null);
        } catch (Exception e) {
            readiness.state("failed: " + e.getMessage());
            LOG.error("Start-up failed; the node stays not ready", e);
        }
    }
}
