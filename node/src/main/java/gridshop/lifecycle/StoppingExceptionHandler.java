package gridshop.lifecycle;

import gridshop.api.platform.Problem;
import gridshop.platform.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ignite says "Grid is in invalid state" or "Cache has been closed" with a plain IllegalStateException once the
 * node is stopping: a request that got past the readiness filter just before the stop began is then answered 503,
 * and the client retries on another node (a cart put sets a quantity, a checkout keeps its Idempotency-Key, so a
 * retry of a write that did commit changes nothing twice). At any other time an IllegalStateException is a fault of ours: 500, logged with
 * the request and the stack trace.
 */
@Produces
@Singleton
final class StoppingExceptionHandler implements ExceptionHandler<IllegalStateException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(StoppingExceptionHandler.class);
    private final NodeReadiness readiness;

    StoppingExceptionHandler(NodeReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IllegalStateException e) {
        if (readiness.stopping()) {
            LOG.warn("Request met the grid stopping, answered 503 [method={}, path={}, error={}]", request.getMethod(),
                request.getPath(), e.toString());
            return NodeStopping.answer();
        }
        LOG.error("Request failed [method={}, path={}]", request.getMethod(), request.getPath(), e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "The server could not handle the request.", null, null);
    }
}
