package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.ignite.IgniteException;

/**
 * A grid transaction that could not commit (rolled back, timed out, a node left during the commit, the
 * topology changed): nothing was committed, so the same request, with the same Idempotency-Key for a checkout,
 * is safe to retry. 503 with Retry-After, never a 500.
 */
@Produces
@Singleton
final class IgniteExceptionHandler implements ExceptionHandler<IgniteException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IgniteException e) {
        return GridExceptionHandler.retryLater(request, e, "The data grid could not commit the request; nothing was "
            + "changed. Retry shortly (a checkout with the same Idempotency-Key).");
    }
}
