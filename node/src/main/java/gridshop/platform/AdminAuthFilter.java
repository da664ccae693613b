package gridshop.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Merchant and report endpoints need {@code Authorization: Bearer <admin token>}; anything else is a 401. */
@ServerFilter({"/api/admin/**", "/api/reports/**", "/api/reports"})
final class AdminAuthFilter {
    private final Tokens tokens;

    AdminAuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        return Tokens.unlessBearer(request, tokens.admin(), "admin");
    }
}
