package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.Optional;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers an {@link ApiException} as its problem. On a side of the grid without a majority, "not found" is answered
 * 503: what this side does not hold may have been written on the other side of a cut (a session opened there, an
 * order placed there), and a shopper told 404 gives up on what exists.
 */
@Produces
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
    /** Absent in the postgres-direct baseline, which has no grid. */
    private final Optional<Quorum> quorum;

    ApiExceptionHandler(Optional<Quorum> quorum) {
        this.quorum = quorum;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiException e) {
        if (e.lookedUp() && quorum.map(Quorum::minority).orElse(false)) {
            return Problems.response(ApiException.unavailable("this side of the cluster has no majority, and what it does "
                + "not hold may have been written on the other side: retry (here: " + e.getMessage() + ")", 5));
        }
        return Problems.response(e);
    }
}
