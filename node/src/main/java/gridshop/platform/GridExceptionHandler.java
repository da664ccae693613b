package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import javax.cache.CacheException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid could not do it now (a node left mid-transaction, partitions are being moved or were lost, a lock
 * wait timed out): nothing was committed, and the client may retry. 503 with Retry-After, not a 500.
 */
@Produces
@Singleton
final class GridExceptionHandler implements ExceptionHandler<CacheException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(GridExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, CacheException e) {
        return retryLater(request, e, "The data grid could not complete the request right now; nothing was changed. "
            + "Retry shortly.");
    }

    /** 503 with Retry-After for a grid failure that changed nothing; logged with the request and the error. */
    static HttpResponse<Problem> retryLater(HttpRequest<?> request, RuntimeException e, String detail) {
        LOG.warn("Grid operation failed, answered 503 [method={}, path={}, error={}]", request.getMethod(), request.getPath(), e.toString());
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, detail, null, 1);
    }
}
