package gridshop.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Ops endpoints and the Prometheus metrics need {@code Authorization: Bearer <ops token>} (Prometheus sends it with
 * {@code authorization: {credentials: …}}); anything else is a 401.
 */
@ServerFilter({"/api/ops/**", "/metrics"})
final class OpsAuthFilter {
    private final Tokens tokens;

    OpsAuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        return Tokens.unlessBearer(request, tokens.ops(), "ops");
    }
}
