package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.events.OutboxCache;
import gridshop.grid.node.GridNode;
import gridshop.grid.node.GridNodeConfiguration;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.Kubernetes;
import gridshop.grid.platform.Tls;
import gridshop.grid.platform.WriteJournal;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.DatabaseIdentity;
import gridshop.persistence.writebehind.DurableTables;
import gridshop.persistence.writebehind.Spill;
import gridshop.persistence.platform.SqlErrors;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.platform.AnalystLogin;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.ClusterProperties;
import gridshop.platform.ClusterSecretCheck;
import gridshop.platform.DiscoveryProperties;
import gridshop.platform.GridMode;
import gridshop.platform.GridProperties;
import gridshop.platform.KubernetesProperties;
import gridshop.platform.TlsProperties;
import gridshop.platform.WriteBehindProperties;
import gridshop.session.SessionProperties;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bean that starts and stops this JVM's Ignite server node. The node takes the connection pool as a
 * dependency although it does not use it: that makes the pool outlive the node, so the flusher's final drain
 * at shutdown still has PostgreSQL.
 */
@GridMode
@Factory
class GridFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GridFactory.class);

    @Singleton
    GridSettings gridSettings(GridProperties grid, DiscoveryProperties discovery, KubernetesProperties k8s, TlsProperties tls,
                              AnalystLogin analyst, ClusterProperties cluster, Environment environment,
                              SessionProperties session, HttpServerConfiguration server, HikariDataSource pool,
                              WriteBehindProperties writeBehind) {
        String clusterSecret = ClusterSecretCheck.require(cluster, environment.getActiveNames());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(GridNodeConfiguration.OWNER_CALLS_ATTRIBUTE, true);
        int httpPort = server.getPort().orElse(0);
        if (httpPort > 0) {
            attributes.put(GridSettings.HTTP_PORT_ATTRIBUTE, httpPort);
        }
        databaseIdentity(pool).ifPresent(id -> attributes.put(GridSettings.DATABASE_ATTRIBUTE, id));
        attributes.put(GridSettings.SPILL_OWNER_ATTRIBUTE, spillOwner(writeBehind));
        return GridSettings.builder()
            .instanceName(grid.instanceName()).workDirectory(grid.workDir()).localAddress(grid.localAddress())
            .discoveryMode(discovery.mode()).addresses(discovery.addresses()).discoveryPort(discovery.port())
            .communicationPort(grid.communicationPort()).thinHost(analyst.host()).thinPort(analyst.port())
            .portRange(grid.portRange())
            .kubernetes(new Kubernetes(k8s.namespace(), k8s.service(), k8s.masterUrl(), k8s.accountToken()))
            .partitions(grid.partitions()).threads(grid.threads()).dataRegionMaxMb(grid.dataRegionMb())
            .sessionIdle(session.idle()).failureDetection(grid.failureDetection()).attributes(Map.copyOf(attributes))
            .analystUser(analyst.user()).analystPassword(analyst.password()).clusterSecret(clusterSecret)
            .tls(new Tls(tls.keyStore(), tls.keyStorePassword(), tls.trustStore(), tls.trustStorePassword(), tls.storeType()))
            .igniteXml(grid.igniteXml())
            .build();
    }

    /**
     * The identity of the database this node writes into, presented when it joins so that a cluster refuses a
     * node of another database. While PostgreSQL cannot be reached the node joins without one and start-up
     * checks it once PostgreSQL answers (NodeStartup), before anything is flushed.
     */
    private static Optional<String> databaseIdentity(HikariDataSource pool) {
        try {
            Database.migrate(pool);
            return Optional.of(DatabaseIdentity.read(pool));
        } catch (SQLException | RuntimeException e) {
            if (!SqlErrors.isTransient(e)) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException("reading grid_identity failed", e);
            }
            LOG.warn("PostgreSQL unreachable: this node joins without its database identity and checks it once "
                + "PostgreSQL answers [error={}]", e.toString());
            return Optional.empty();
        }
    }

    private static String spillOwner(WriteBehindProperties writeBehind) {
        try {
            return Spill.owner(writeBehind.spillDir());
        } catch (IOException e) {
            throw new UncheckedIOException("the spill folder's owner.id could not be read or made [dir="
                + writeBehind.spillDir() + "]", e);
        }
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
    WriteBehindFlusher flusher(Ignite ignite, HikariDataSource pool, WriteJournal journal, WriteBehindProperties props) {
        return new WriteBehindFlusher(ignite, pool, DurableTables.all(), journal, new WriteBehindFlusher.Settings(
            props.interval(), props.batchSize(), props.drainTimeout(), props.spillDir(), List.of(OutboxCache.NAME)));
    }

    @Singleton
    BackgroundLoop flusherLoop(WriteBehindFlusher flusher) {
        return BackgroundLoop.of("write-behind flusher", flusher::alive);
    }
}
