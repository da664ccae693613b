package gridshop.grid.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.platform.GridSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.calcite.CalciteQueryEngineConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.metric.jmx.JmxMetricExporterSpi;
import org.junit.jupiter.api.Test;

/**
 * gridshop.grid.ignite-xml: an operator's Spring XML adds what the node's properties do not cover and keeps what the
 * node sets; a file that sets the node's own settings is refused, each by name.
 */
class IgniteXmlTest {
    private static final Path OPERATOR = Path.of("../scripts/ignite-overlay.example.xml");
    private static final Path CLASHING = Path.of("src/test/resources/ignite-xml/clashing.xml");

    private static GridSettings.Builder settings() {
        return GridSettings.builder()
            .instanceName("t").workDirectory(Path.of("target/t")).localAddress("127.0.0.1").discoveryMode("static")
            .addresses(java.util.List.of("127.0.0.1:47500")).discoveryPort(47500).communicationPort(47100)
            .thinHost("127.0.0.1").thinPort(10800).portRange(10)
            .kubernetes(new gridshop.grid.platform.Kubernetes("ns", "svc", "https://k", "/t"))
            .partitions(128).threads(0).dataRegionMaxMb(256).sessionIdle(java.time.Duration.ofMinutes(30))
            .failureDetection(java.time.Duration.ofSeconds(10)).attributes(Map.of(GridSettings.HTTP_PORT_ATTRIBUTE, 8080))
            .analystUser("analyst").analystPassword("pw").clusterSecret("").tls(gridshop.grid.platform.Tls.OFF);
    }

    @Test
    void anOperatorsFileAddsItsCacheRegionAttributeExporterAndTimeoutsAndKeepsTheNodesOwn() {
        IgniteConfiguration plain = GridNodeConfiguration.of(settings().build());
        IgniteConfiguration cfg = GridNodeConfiguration.of(settings().igniteXml(OPERATOR.toString()).build());

        Set<String> caches = Arrays.stream(cfg.getCacheConfiguration()).map(CacheConfiguration::getName).collect(Collectors.toSet());
        assertEquals(plain.getCacheConfiguration().length + 1, caches.size(), caches.toString());
        assertTrue(caches.contains("merchant-notes") && caches.contains("product"), caches.toString());
        assertEquals(Set.of("default", "notes"), regions(cfg));
        assertEquals(plain.getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize(),
            cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().getMaxSize(), "the shop's region as the node sized it");
        assertEquals("r1", cfg.getUserAttributes().get("rack"));
        assertEquals(8080, cfg.getUserAttributes().get(GridSettings.HTTP_PORT_ATTRIBUTE));
        assertEquals(7000, cfg.getNetworkTimeout());
        assertInstanceOf(JmxMetricExporterSpi.class, cfg.getMetricExporterSpi()[0]);
        assertEquals(10_000, cfg.getSqlConfiguration().getLongQueryWarningTimeout());
        assertTrue(Arrays.stream(cfg.getSqlConfiguration().getQueryEnginesConfiguration())
            .anyMatch(e -> e instanceof CalciteQueryEngineConfiguration), "the node's query engines kept");
        assertEquals(plain.getFailureDetectionTimeout(), cfg.getFailureDetectionTimeout());
        assertInstanceOf(TcpDiscoverySpi.class, cfg.getDiscoverySpi());
    }

    private static Set<String> regions(IgniteConfiguration cfg) {
        Set<String> names = Arrays.stream(cfg.getDataStorageConfiguration().getDataRegionConfigurations())
            .map(DataRegionConfiguration::getName).collect(Collectors.toSet());
        names.add(cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().getName());
        return names;
    }

    @Test
    void aFileThatSetsWhatTheNodeSetsIsRefusedNamingEachSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> GridNodeConfiguration.of(settings().igniteXml(CLASHING.toString()).build()));
        for (String named : new String[] {"igniteInstanceName", "failureDetectionTimeout", "discoverySpi",
                "userAttributes gridshop.httpPort", "cacheConfiguration product", "sqlConfiguration.queryEnginesConfiguration"}) {
            assertTrue(e.getMessage().contains(named), "names " + named + ": " + e.getMessage());
        }
    }

    @Test
    void aMissingOrBrokenFileIsRefusedWithItsPath() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> GridNodeConfiguration.of(settings().igniteXml("no/such/ignite.xml").build()));
        assertTrue(missing.getMessage().contains("ignite.xml"), missing.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
            () -> GridNodeConfiguration.of(settings().igniteXml("pom.xml").build()));
        assertTrue(broken.getMessage().contains("pom.xml"), broken.getMessage());
    }
}
