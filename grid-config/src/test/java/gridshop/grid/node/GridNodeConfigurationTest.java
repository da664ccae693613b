package gridshop.grid.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.Kubernetes;
import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.Tls;
import gridshop.grid.session.SessionCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

class GridNodeConfigurationTest {

    static GridSettings settings(String mode) {
        return settings(mode, List.of("127.0.0.1:47500..47502"));
    }

    static GridSettings settings(String mode, List<String> addresses) {
        return GridSettings.builder()
            .instanceName("t").workDirectory(Path.of("target/t")).localAddress("127.0.0.1").discoveryMode(mode)
            .addresses(addresses).discoveryPort(47500).communicationPort(47100)
            .thinHost("127.0.0.1").thinPort(10800).portRange(10)
            .kubernetes(new Kubernetes("shop", "gridshop-hl", "https://kubernetes.default.svc.cluster.local:443",
                "/var/run/secrets/kubernetes.io/serviceaccount/token"))
            .partitions(128).threads(0).dataRegionMaxMb(256).sessionIdle(Duration.ofMinutes(30))
            .failureDetection(Duration.ofSeconds(10)).attributes(Map.of()).analystUser("analyst").analystPassword("pw")
            .clusterSecret("").tls(Tls.OFF).build();
    }

    @Test
    void staticDiscoveryUsesTheSeedAddresses() {
        TcpDiscoverySpi spi = (TcpDiscoverySpi) GridNodeConfiguration.of(settings("static")).getDiscoverySpi();
        TcpDiscoveryVmIpFinder finder = assertInstanceOf(TcpDiscoveryVmIpFinder.class, spi.getIpFinder());
        assertEquals(3, finder.getRegisteredAddresses().size());
    }

    /** A node may take another port of its range only where its address list names a range that others will try. */
    @Test
    void discoveryTakesAnotherPortOnlyWhereTheAddressListNamesARange() {
        GridSettings ranged = settings("static");
        GridSettings one = settings("static", List.of("127.0.0.1:47500", "127.0.0.2:47500"));
        assertEquals(10, ((TcpDiscoverySpi) GridNodeConfiguration.of(ranged).getDiscoverySpi()).getLocalPortRange());
        assertEquals(0, ((TcpDiscoverySpi) GridNodeConfiguration.of(one).getDiscoverySpi()).getLocalPortRange());
        assertEquals(0, ((TcpDiscoverySpi) GridNodeConfiguration.of(settings("kubernetes")).getDiscoverySpi())
            .getLocalPortRange());
    }

    /** threads 0: every pool that carries requests and messages sized to the node's cores (at least 2), not Ignite's 8+. */
    @Test
    void poolsAreSizedToTheNodesCoresUnlessSet() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        IgniteConfiguration sized = GridNodeConfiguration.of(settings("static"));
        assertEquals(List.of(cores, cores, cores, cores), List.of(sized.getStripedPoolSize(), sized.getSystemThreadPoolSize(),
            sized.getPublicThreadPoolSize(), sized.getQueryThreadPoolSize()));
        assertEquals(3, GridNodeConfiguration.poolSize(3));
        assertEquals(cores, GridNodeConfiguration.poolSize(0));
    }

    @Test
    void kubernetesDiscoveryIsSelectedByConfiguration() {
        TcpDiscoverySpi spi = (TcpDiscoverySpi) GridNodeConfiguration.of(settings("kubernetes")).getDiscoverySpi();
        assertInstanceOf(TcpDiscoveryKubernetesIpFinder.class, spi.getIpFinder());
    }

    @Test
    void anUnknownDiscoveryModeIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridNodeConfiguration.of(settings("multicast")));
        assertTrue(e.getMessage().contains("multicast"), e.getMessage());
    }

    @Test
    void businessCachesArePartitionedTransactionalWithASynchronousBackup() {
        IgniteConfiguration cfg = GridNodeConfiguration.of(settings("static"));
        java.util.Set<String> durable = new java.util.HashSet<>();
        for (CacheConfiguration<?, ?> c : cfg.getCacheConfiguration()) {
            if (c.getName().equals(MetaCache.NAME)) {
                assertEquals(CacheMode.REPLICATED, c.getCacheMode());
                continue;
            }
            durable.add(c.getName());
            assertEquals(CacheMode.PARTITIONED, c.getCacheMode(), c.getName());
            assertEquals(1, c.getBackups(), c.getName());
            assertEquals(CacheAtomicityMode.TRANSACTIONAL, c.getAtomicityMode(), c.getName());
            assertEquals(CacheWriteSynchronizationMode.FULL_SYNC, c.getWriteSynchronizationMode(), c.getName());
            assertEquals(PartitionLossPolicy.READ_WRITE_SAFE, c.getPartitionLossPolicy(), c.getName());
            assertEquals(128, c.getAffinity().partitions(), c.getName());
        }
        assertEquals(java.util.Set.copyOf(GridNodeConfiguration.durableCacheNames()), durable,
            "the caches readiness waits on are exactly the partitioned ones");
        assertEquals(256L << 20, cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize());
        assertEquals(null, cfg.getConnectorConfiguration(), "no REST connector on 11211");
    }

    /** A write restarts a session's clock at the idle time plus a tenth; a read leaves it (SessionService writes). */
    @Test
    void sessionsExpireAnIdleTimeAndATenthAfterTheirLastWrite() {
        CacheConfiguration<?, ?> sessions = SessionCache.configuration(settings("static"));
        assertNotNull(sessions.getExpiryPolicyFactory());
        javax.cache.expiry.ExpiryPolicy policy = (javax.cache.expiry.ExpiryPolicy) sessions.getExpiryPolicyFactory().create();
        assertEquals(33 * 60_000L, policy.getExpiryForCreation().getAdjustedTime(0));
        assertEquals(33 * 60_000L, policy.getExpiryForUpdate().getAdjustedTime(0));
        assertEquals(null, policy.getExpiryForAccess(), "a read leaves the expiry as it is");
    }
}
