package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.ignite.IgniteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A grid transaction that could not commit (rolled back, timed out, a node left during the commit, the
 * topology changed): nothing was committed, so the same request, with the same Idempotency-Key for a checkout,
 * is safe to retry. 503 with Retry-After, never a 500.
 */
@Produces
@Singleton
final class IgniteExceptionHandler implements ExceptionHandler<IgniteException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(IgniteExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IgniteException e) {
        LOG.warn("Grid transaction failed, answered 503 [method={}, path={}, error={}]", request.getMethod(),
            request.getPath(), e.toString());
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE,
            "The data grid could not commit the request; nothing was changed. Retry shortly (a checkout with the same "
                + "Idempotency-Key).", null, 1);
    }
}
