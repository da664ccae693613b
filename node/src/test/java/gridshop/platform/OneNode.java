package gridshop.platform;

import gridshop.lifecycle.NodeReadiness;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A one-node contract test started the framework's way: {@code @MicronautTest} (with
 * {@code @TestInstance(PER_CLASS)}) runs the application once for the class, on a fresh PostgreSQL database and grid
 * directories of its own (these properties); the test injects the {@link EmbeddedServer} and talks HTTP to it.
 */
public interface OneNode extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        ShopNode.properties("contract-" + getClass().getSimpleName(), TestDatabase.freshUrl(), extra())
            .forEach((k, v) -> props.put(k, String.valueOf(v)));
        return props;
    }

    /** Settings of this test's node beyond the defaults. */
    default Map<String, Object> extra() {
        return Map.of();
    }

    /** Waits until the node is ready, then a client of its HTTP API. */
    static ShopClient ready(EmbeddedServer server) {
        ShopNode.awaitReady(server.getApplicationContext().getBean(NodeReadiness.class), Duration.ofSeconds(90));
        return new ShopClient("http://127.0.0.1:" + server.getPort(),
            server.getApplicationContext().getBean(JsonMapper.class), true);
    }
}
