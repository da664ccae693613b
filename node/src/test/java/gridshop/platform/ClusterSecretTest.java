package gridshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who gets in: outside development a node with an empty cluster secret refuses to start, before its grid does,
 * and says how to make one; development (scripts/start's environment) and the tests may go without; a node given
 * a secret starts where one is required.
 */
class ClusterSecretTest {

    @Test
    void aSecretIsRequiredEverywhereButDevelopmentAndTests() {
        assertEquals(true, secretRequired(), "no environment named: a bare java -jar");
        assertEquals(true, secretRequired("k8s"), "Kubernetes");
        assertEquals(false, secretRequired("dev"), "scripts/start");
        assertEquals(false, secretRequired("test"));
    }

    @Test
    void aNodeWithoutASecretWhereOneIsRequiredRefusesToStartAndSaysHowToMakeOne() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> GridFixture.nodes(1, TestDatabase.freshUrl(),
            Map.of("gridshop.cluster.secret-required", "true")).close());
        String why = causes(refused);
        assertTrue(why.contains("gridshop.cluster.secret is empty") && why.contains("openssl rand -hex 32"), why);
    }

    @Test
    void aNodeWithASecretWhereOneIsRequiredStarts() {
        try (GridFixture grid = GridFixture.nodes(1, TestDatabase.freshUrl(),
            Map.of("gridshop.cluster.secret-required", "true", "gridshop.cluster.secret", "0123456789abcdef"))) {
            assertEquals(200, grid.node(0).http().get("/health/readiness").status());
        }
    }

    private static boolean secretRequired(String... environments) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
            .environments(environments).build()) {
            context.getEnvironment().start();
            return context.getEnvironment().getRequiredProperty("gridshop.cluster.secret-required", Boolean.class);
        }
    }

    private static String causes(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getMessage()).append(" | ");
        }
        return out.toString();
    }
}
