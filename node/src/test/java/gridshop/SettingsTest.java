package gridshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.events.KafkaProperties;
import gridshop.platform.AnalystProperties;
import gridshop.platform.TokenProperties;
import gridshop.report.ReportProperties;
import gridshop.session.SessionProperties;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration records bind application.yml's keys and defaults (read without the test environment's
 * overrides, nor GRIDSHOP_* variables), take an override by the key's own name, and refuse values that make no
 * sense. The context runs in postgres-direct mode, where no grid bean exists, and starts no server: nothing but
 * configuration is built.
 */
class SettingsTest {

    private static ApplicationContext context(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(overrides);
        props.put("gridshop.mode", "postgres-direct");
        return ApplicationContext.builder().deduceEnvironment(false).environmentPropertySource(false)
            .properties(props).start();
    }

    @Test
    void theDefaultsAreApplicationYmls() {
        try (ApplicationContext ctx = context(Map.of())) {
            SessionProperties session = ctx.getBean(SessionProperties.class);
            assertEquals(Duration.ofMinutes(30), session.idle());
            assertEquals(Duration.ofMinutes(1), session.sweepInterval());
            assertEquals(Duration.ofHours(1), ctx.getBean(ReportProperties.class).keep());
            KafkaProperties kafka = ctx.getBean(KafkaProperties.class);
            assertFalse(kafka.enabled(), "events are off without brokers");
            assertEquals("gridshop.", kafka.topicPrefix());
            AnalystProperties analyst = ctx.getBean(AnalystProperties.class);
            assertEquals(10800, analyst.port());
            assertEquals("analyst", analyst.user());
            assertEquals("127.0.0.1", analyst.host(), "the grid's local address");
            assertEquals("", analyst.password());
            TokenProperties tokens = ctx.getBean(TokenProperties.class);
            assertEquals("", tokens.adminToken());
            assertEquals("", tokens.opsToken());
        }
    }

    @Test
    void aKeyOverridesItsComponent() {
        try (ApplicationContext ctx = context(Map.of("gridshop.kafka.bootstrap-servers", "127.0.0.1:9092",
                "gridshop.session.idle", "5s", "gridshop.admin-token", "a", "gridshop.jdbc.port", "11800"))) {
            KafkaProperties kafka = ctx.getBean(KafkaProperties.class);
            assertTrue(kafka.enabled());
            assertEquals("127.0.0.1:9092", kafka.bootstrapServers());
            assertEquals(Duration.ofSeconds(5), ctx.getBean(SessionProperties.class).idle());
            assertEquals("a", ctx.getBean(TokenProperties.class).adminToken());
            assertEquals(11800, ctx.getBean(AnalystProperties.class).port());
        }
    }

    @Test
    void nonsenseIsRefusedWithTheKeysName() {
        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
            () -> new SessionProperties(Duration.ZERO, Duration.ofMinutes(1)));
        assertTrue(idle.getMessage().contains("gridshop.session.idle"), idle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReportProperties(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new AnalystProperties("127.0.0.1", 70000, "analyst", ""));
    }
}
