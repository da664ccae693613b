package gridshop.platform;

import gridshop.lifecycle.NodeReadiness;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One gridshop node in this JVM: a Micronaut context with its HTTP server and its own Ignite node. */
public final class ShopNode implements AutoCloseable {
    private final EmbeddedServer server;
    private final ShopClient client;

    private ShopNode(EmbeddedServer server) {
        this.server = server;
        this.client = new ShopClient("http://127.0.0.1:" + server.getPort(), server.getApplicationContext().getBean(JsonMapper.class), true);
    }

    public static ShopNode start(String name, String dbUrl, Map<String, Object> extra) {
        ShopNode node = new ShopNode(ApplicationContext.run(EmbeddedServer.class, properties(name, dbUrl, extra), "test"));
        node.awaitReady(Duration.ofSeconds(90));
        return node;
    }

    /** A test node's settings: its database, and an instance name, grid directory and spill directory of its own. */
    static Map<String, Object> properties(String name, String dbUrl, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("gridshop.db.url", dbUrl);
        props.put("gridshop.grid.instance-name", name);
        props.put("gridshop.grid.work-dir", "target/ignite/" + name);
        // Its own spill directory: a stop now spills dead letters and outbox entries even with PostgreSQL up, and a
        // file left in a shared directory by one test's database would stop the next test's node from starting.
        props.put("gridshop.write-behind.spill-dir", "target/spill/" + name + "-" + ProcessHandle.current().pid());
        props.putAll(extra);
        return props;
    }

    public void awaitReady(Duration limit) {
        awaitReady(bean(NodeReadiness.class), limit);
    }

    static void awaitReady(NodeReadiness readiness, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!readiness.ready()) {
            if (System.nanoTime() > deadline || readiness.state().startsWith("failed")) {
                throw new IllegalStateException("node not ready [state=" + readiness.state() + "]");
            }
            sleep(50);
        }
    }

    public ShopClient http() {
        return client;
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Stops the node the way SIGTERM does: the HTTP server first, which then stops the context. */
    public void stopLikeSigterm() {
        server.stop();
        close();
    }

    @Override
    public void close() {
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().close();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
