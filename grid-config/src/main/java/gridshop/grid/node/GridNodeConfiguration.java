package gridshop.grid.node;

import gridshop.grid.cart.CartCache;
import gridshop.grid.deadletter.DeadLetterCache;
import gridshop.grid.events.OutboxCache;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.SynonymCache;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.grid.order.OrderCache;
import gridshop.grid.order.OrderLineCache;
import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.Tls;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.grid.report.ReportCache;
import gridshop.grid.session.SessionCache;
import gridshop.grid.security.Access;
import gridshop.grid.security.ReadOnlyDiscoverySpi;
import gridshop.grid.security.ShopSecurityPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.ExecutorConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.indexing.IndexingQueryEngineConfiguration;
import org.apache.ignite.calcite.CalciteQueryEngineConfiguration;
import org.apache.ignite.configuration.TransactionConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.kubernetes.configuration.KubernetesConnectionConfiguration;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.TcpDiscoveryIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;

/** Turns {@link GridSettings} into the configuration of one embedded Ignite server node with every cache. */
public final class GridNodeConfiguration {
    /** The off-heap region every cache lives in. */
    public static final String DATA_REGION = "default";
    /**
     * The pool a node runs the shopper writes other nodes send to it, as their session's primary (the node's
     * OwnerCalls): its own, so they neither wait behind nor hold up Ignite's public pool (ops broadcasts, reports).
     */
    public static final String OWNER_CALLS_EXECUTOR = "gridshop-owner-calls";
    /** Present on a node that runs such writes (a node of an older version, mid-upgrade, has not got it). */
    public static final String OWNER_CALLS_ATTRIBUTE = "gridshop.ownerCalls";
    private static final int OWNER_CALLS_THREADS = 16;
    /**
     * Both SQL engines run; a JDBC connection picks one with {@code queryEngine=h2|calcite}, a query with the hint
     * {@code /*+ QUERY_ENGINE('h2') *}{@code /}. Without either, Calcite answers: it was faster on four of the six
     * analyst queries both engines run on a million order lines, runs all seven (standard SQL: H2 1.4.197 has no
     * INTERVAL), and joins tables that are not colocated without distributedJoins (docs/benchmarks.md,
     * "Analyst SQL").
     */
    static final boolean CALCITE_BY_DEFAULT = true;

    private GridNodeConfiguration() {
    }

    public static IgniteConfiguration of(GridSettings s) {
        IgniteConfiguration cfg = new IgniteConfiguration();
        cfg.setIgniteInstanceName(s.instanceName());
        cfg.setWorkDirectory(s.workDirectory().toAbsolutePath().toString());
        cfg.setGridLogger(new Slf4jLogger());
        cfg.setLocalHost(s.localAddress());
        cfg.setConnectorConfiguration(null);
        cfg.setMetricsLogFrequency(0);
        cfg.setPeerClassLoadingEnabled(false);
        cfg.setShutdownPolicy(ShutdownPolicy.GRACEFUL);
        // Joins, graceful leaves and failures tell a minority apart from a cluster that shrank on purpose; an
        // expired session takes its cart with it.
        cfg.setIncludeEventTypes(EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED,
            EventType.EVT_CACHE_OBJECT_EXPIRED);
        cfg.setFailureDetectionTimeout(s.failureDetection().toMillis());
        cfg.setUserAttributes(s.attributes());
        cfg.setDiscoverySpi(discovery(s));
        cfg.setCommunicationSpi(new TcpCommunicationSpi()
            .setLocalPort(s.communicationPort()).setLocalPortRange(s.portRange()));
        // The analyst port speaks SQL (JDBC, ODBC) only: the thin client's key-value API reads a cache's keys and
        // whole values (a scan of cache session lists every shopper's session id, their only credential).
        ClientConnectorConfiguration thin = new ClientConnectorConfiguration()
            .setHost(s.thinHost()).setPort(s.thinPort()).setPortRange(s.portRange()).setThinClientEnabled(false);
        if (s.tls().enabled()) {
            // One context for discovery and communication (both ways authenticated) and the analyst port, where
            // clients show no certificate of their own: they log in with the analyst's user and password.
            cfg.setSslContextFactory(sslContext(s.tls()));
            thin.setSslEnabled(true).setUseIgniteSslContextFactory(true).setSslClientAuth(false);
        }
        cfg.setClientConnectorConfiguration(thin);
        List<CacheConfiguration<?, ?>> caches = caches(s);
        cfg.setPluginProviders(new ShopSecurityPlugin(new Access(s.analystUser(), s.analystPassword(),
            s.clusterSecret(), sqlTableCaches(caches))));
        cfg.setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(
            new DataRegionConfiguration().setName(DATA_REGION)
                .setInitialSize(Math.min(256L, s.dataRegionMaxMb()) << 20)
                .setMaxSize(s.dataRegionMaxMb() << 20)
                .setMetricsEnabled(true)));
        // A transaction that waits on a partition map exchange is rolled back rather than stalling a join.
        cfg.setTransactionConfiguration(new TransactionConfiguration()
            .setDefaultTxTimeout(10_000).setTxTimeoutOnPartitionMapExchange(5_000));
        cfg.setExecutorConfiguration(new ExecutorConfiguration(OWNER_CALLS_EXECUTOR).setSize(OWNER_CALLS_THREADS));
        // Pools sized to the node's cores (Ignite's own default is at least 8 threads a pool): on a small node the
        // stripes that apply other nodes' messages then find work waiting more often instead of each message waking a
        // parked thread. On 2-core nodes under a 0.4-core quota it cut a shopper request's node CPU by 8 % on one node
        // and 17 % on two, measured together with page-lock tracking off (GridNode; docs/benchmarks.md).
        int threads = poolSize(s.threads());
        cfg.setPublicThreadPoolSize(threads);
        cfg.setSystemThreadPoolSize(threads);
        cfg.setQueryThreadPoolSize(threads);
        cfg.setServiceThreadPoolSize(threads);
        cfg.setStripedPoolSize(threads);
        cfg.setDataStreamerThreadPoolSize(threads);
        cfg.setManagementThreadPoolSize(2);
        cfg.setPeerClassLoadingThreadPoolSize(1);
        cfg.setAsyncCallbackPoolSize(threads);
        cfg.setRebalanceThreadPoolSize(1);
        cfg.getClientConnectorConfiguration().setThreadPoolSize(threads);
        cfg.setCacheConfiguration(caches.toArray(new CacheConfiguration[0]));
        cfg.setSqlConfiguration(new SqlConfiguration().setQueryEnginesConfiguration(
            new IndexingQueryEngineConfiguration().setDefault(!CALCITE_BY_DEFAULT),
            new CalciteQueryEngineConfiguration().setDefault(CALCITE_BY_DEFAULT)));
        return s.igniteXml().isBlank() ? cfg : IgniteXml.overlay(cfg, Path.of(s.igniteXml()));
    }

    /** The size of Ignite's pools: {@code threads} when above 0, else the node's cores (at least 2). */
    static int poolSize(int threads) {
        return threads > 0 ? threads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Every cache of the shop; each one's settings live in its own class. */
    public static List<CacheConfiguration<?, ?>> caches(GridSettings s) {
        List<CacheConfiguration<?, ?>> caches = new ArrayList<>();
        caches.add(ProductCache.configuration(s));
        caches.add(InventoryCache.configuration(s));
        caches.add(StockSliceCache.configuration(s));
        caches.add(SynonymCache.configuration(s));
        caches.add(SessionCache.configuration(s));
        caches.add(CartCache.configuration(s));
        caches.add(OrderCache.configuration(s));
        caches.add(OrderLineCache.configuration(s));
        caches.add(CheckoutKeyCache.configuration(s));
        caches.add(WriteJournalCache.configuration(s));
        caches.add(OutboxCache.configuration(s));
        caches.add(DeadLetterCache.configuration(s));
        caches.add(ReportCache.configuration(s));
        caches.add(MetaCache.configuration());
        // H2 refuses a query over tables of different parallelism ("Using indexes with different parallelism
        // levels in same query is forbidden"): every SQL table gets the same.
        for (CacheConfiguration<?, ?> c : caches) {
            if (!c.getQueryEntities().isEmpty()) {
                c.setQueryParallelism(DurableCaches.ANALYST_PARALLELISM);
            }
        }
        return caches;
    }

    /** The caches with an SQL table: what an analyst may read. */
    static Set<String> sqlTableCaches(List<CacheConfiguration<?, ?>> caches) {
        Set<String> names = new HashSet<>();
        for (CacheConfiguration<?, ?> c : caches) {
            if (!c.getQueryEntities().isEmpty()) {
                names.add(c.getName());
            }
        }
        return names;
    }

    /** The caches that hold business data with a backup (all but the replicated meta cache). */
    public static List<String> durableCacheNames() {
        return List.of(ProductCache.NAME, InventoryCache.NAME, StockSliceCache.NAME, SynonymCache.NAME, SessionCache.NAME, CartCache.NAME,
            OrderCache.NAME, OrderLineCache.NAME, CheckoutKeyCache.NAME, WriteJournalCache.NAME, OutboxCache.NAME,
            DeadLetterCache.NAME, ReportCache.NAME);
    }

    private static SslContextFactory sslContext(Tls tls) {
        SslContextFactory f = new SslContextFactory();
        f.setKeyStoreFilePath(tls.keyStore());
        f.setKeyStorePassword(tls.keyStorePassword().toCharArray());
        f.setKeyStoreType(tls.storeType());
        f.setTrustStoreFilePath(tls.trustStore());
        f.setTrustStorePassword(tls.trustStorePassword().toCharArray());
        f.setTrustStoreType(tls.storeType());
        f.setProtocol("TLSv1.3");
        return f;
    }

    private static TcpDiscoverySpi discovery(GridSettings s) {
        TcpDiscoverySpi spi = new ReadOnlyDiscoverySpi();
        spi.setLocalAddress(s.localAddress());
        spi.setLocalPort(s.discoveryPort());
        spi.setLocalPortRange(discoveryPortRange(s));
        spi.setIpFinder(ipFinder(s));
        return spi;
    }

    /**
     * How many ports past {@code discoveryPort} the node may take when that one is busy: the port range only when the
     * static address list names a range ({@code host:47500..47509}), else none. A node bound to a port its list does not
     * name is found by no one and never forms a cluster alone: it would wait for one forever, not ready. With no range
     * it fails to start instead, naming the port (the ports lie in Linux's ephemeral range, so an outgoing connection
     * may hold one for a moment: an orchestrator's restart gets it). Kubernetes finds pods by their address and the
     * one discovery port: none either.
     */
    static int discoveryPortRange(GridSettings s) {
        boolean listsRanges = "static".equals(s.discoveryMode()) && s.addresses().stream().anyMatch(a -> a.contains(".."));
        return listsRanges ? s.portRange() : 0;
    }

    private static TcpDiscoveryIpFinder ipFinder(GridSettings s) {
        return switch (s.discoveryMode()) {
            case "static" -> new TcpDiscoveryVmIpFinder().setAddresses(s.addresses());
            case "kubernetes" -> {
                KubernetesConnectionConfiguration k8s = new KubernetesConnectionConfiguration();
                k8s.setNamespace(s.kubernetes().namespace());
                k8s.setServiceName(s.kubernetes().service());
                k8s.setMasterUrl(s.kubernetes().masterUrl());
                k8s.setAccountToken(s.kubernetes().accountTokenFile());
                k8s.setIncludeNotReadyAddresses(true);
                k8s.setDiscoveryPort(s.discoveryPort());
                yield new TcpDiscoveryKubernetesIpFinder(k8s);
            }
            default -> throw new IllegalArgumentException(
                "gridshop.discovery.mode must be 'static' or 'kubernetes' [mode=" + s.discoveryMode() + "]");
        };
    }
}
