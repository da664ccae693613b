package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.platform.GridNode;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.WriteJournal;
import gridshop.persistence.platform.DurableTables;
import gridshop.persistence.platform.WriteBehindFlusher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.ignite.Ignite;

/**
 * The one bean that starts and stops this JVM's Ignite server node. The node takes the connection pool as a
 * dependency although it does not use it: that makes the pool outlive the node, so the flusher's final drain
 * at shutdown still has PostgreSQL.
 */
@GridMode
@Factory
class GridFactory {

    @Singleton
    GridSettings gridSettings(GridProperties grid, DiscoveryProperties discovery, KubernetesProperties k8s,
                              AnalystLogin analyst, @Value("${gridshop.cluster.secret}") String clusterSecret,
                              @Value("${gridshop.session.idle}") Duration sessionIdle,
                              @Value("${micronaut.server.port}") int httpPort) {
        return new GridSettings(grid.instanceName(), grid.workDir(), grid.localAddress(), discovery.mode(),
            discovery.addresses(), discovery.port(), grid.communicationPort(), analyst.host(), analyst.port(), grid.portRange(),
            k8s.namespace(), k8s.service(), grid.partitions(), grid.threads(), grid.dataRegionMb(), sessionIdle,
            grid.failureDetection(), httpPort > 0 ? Map.of(GridSettings.HTTP_PORT_ATTRIBUTE, httpPort) : Map.of(),
            analyst.user(), analyst.password(), clusterSecret);
    }

    @Singleton
    @Bean(preDestroy = "close")
    GridNode gridNode(GridSettings settings, GridProperties grid, HikariDataSource pool) {
        return GridNode.start(settings, grid.gracefulStopLimit());
    }

    @Singleton
    Ignite ignite(GridNode node) {
        return node.ignite();
    }

    @Singleton
    WriteJournal writeJournal(Ignite ignite) {
        return new WriteJournal(ignite);
    }

    @Singleton
    @Bean(preDestroy = "close")
    WriteBehindFlusher flusher(Ignite ignite, HikariDataSource pool, WriteBehindProperties props) {
        return new WriteBehindFlusher(ignite, pool, DurableTables.all(), new WriteBehindFlusher.Settings(
            props.interval(), props.batchSize(), props.drainTimeout(), props.spillDir()));
    }

    @Singleton
    BackgroundLoop flusherLoop(WriteBehindFlusher flusher) {
        return BackgroundLoop.of("write-behind flusher", flusher::alive);
    }
}
