package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.catalog.CatalogFeed;
import gridshop.events.OutboxRelay;
import gridshop.persistence.catalog.DemoCatalogWriter;
import gridshop.persistence.platform.DurableTables;
import gridshop.persistence.platform.StartupLoader;
import gridshop.persistence.platform.WriteBehindFlusher;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once HTTP listens (so liveness answers and readiness says 503), joins the grid, fills it from PostgreSQL if
 * this node starts the cluster (generating the demo catalog into an empty database first), starts the
 * write-behind flusher and reports ready. Runs on its own thread: a failure is logged and leaves the node
 * not ready, rather than killing the JVM mid-start.
 */
@GridMode
@Singleton
final class NodeStartup implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStartup.class);

    private final Ignite ignite;
    private final HikariDataSource pool;
    private final WriteBehindFlusher flusher;
    private final OutboxRelay relay;
    private final CatalogFeed catalog;
    private final NodeReadiness readiness;
    private final Tokens tokens;
    private final long demoProducts;

    NodeStartup(Ignite ignite, HikariDataSource pool, WriteBehindFlusher flusher, OutboxRelay relay,
                CatalogFeed catalog, NodeReadiness readiness, Tokens tokens,
                @Value("${gridshop.demo.products}") long demoProducts) {
        this.ignite = ignite;
        this.pool = pool;
        this.flusher = flusher;
        this.relay = relay;
        this.catalog = catalog;
        this.readiness = readiness;
        this.tokens = tokens;
        this.demoProducts = demoProducts;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = ReadyBanner.url(event);
        Thread t = new Thread(() -> start(url), "gridshop-startup");
        t.setDaemon(true);
        t.start();
    }

    private void start(String url) {
        long t0 = System.nanoTime();
        try {
            readiness.state("loading");
            new StartupLoader(ignite, pool, DurableTables.all(), this::demoCatalog).run();
            readiness.state("indexing the catalog");
            catalog.start();
            flusher.start();
            relay.start();
            readiness.markReady();
            LOG.info("gridshop node ready [url={}, nodes={}, ms={}]", url, ignite.cluster().forServers().nodes().size(),
                (System.nanoTime() - t0) / 1_000_000);
            ReadyBanner.print("gridshop", url, tokens);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            readiness.state("failed: " + e.getMessage());
            LOG.error("Start-up failed; the node stays not ready", e);
        }
    }

    private void demoCatalog() {
        try {
            DemoCatalogWriter.writeIfEmpty(pool, demoProducts);
        } catch (SQLException e) {
            throw new IllegalStateException("demo catalog could not be written [products=" + demoProducts + "]", e);
        }
    }
}
