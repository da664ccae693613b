package gridshop.lifecycle;

import gridshop.api.platform.Problem;
import gridshop.platform.Problems;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first thing a stopping node does: it stops being ready (the server's shutdown, or the context's if that comes
 * first), before Micronaut's graceful shutdown waits for the requests in flight
 * ({@code micronaut.lifecycle.graceful-shutdown}) and before any bean, the grid among them, is closed. A request
 * that arrives after that is answered 503 with Retry-After and {@code Connection: close}, never served by a grid
 * that is going away.
 */
@Singleton
final class NodeStopping {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStopping.class);
    private final NodeReadiness readiness;

    NodeStopping(NodeReadiness readiness) {
        this.readiness = readiness;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onServerShutdown(ServerShutdownEvent event) {
        stop();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    private void stop() {
        if (!readiness.stopping()) {
            readiness.markStopping();
            LOG.info("Stopping: readiness is down and new API requests are answered 503; requests in flight finish "
                + "before the grid stops");
        }
    }

    static MutableHttpResponse<Problem> answer() {
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "This node is stopping; retry on another node.", null, 1)
            .header(HttpHeaders.CONNECTION, "close");
    }
}
