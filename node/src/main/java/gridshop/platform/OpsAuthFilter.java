package gridshop.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Ops endpoints need {@code Authorization: Bearer <ops token>}; anything else is a 401. */
@ServerFilter("/api/ops/**")
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
