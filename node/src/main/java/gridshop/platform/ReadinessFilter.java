package gridshop.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Until the node is ready, the API answers 503 with Retry-After instead of serving a half-loaded grid. */
@ServerFilter("/api/**")
final class ReadinessFilter {
    private final NodeReadiness readiness;

    ReadinessFilter(NodeReadiness readiness) {
        this.readiness = readiness;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> beforeRequest() {
        if (readiness.ready()) {
            return null;
        }
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE,
            "The node is not ready yet [state=" + readiness.state() + "]", null, 2);
    }
}
