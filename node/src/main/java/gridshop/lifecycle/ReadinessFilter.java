package gridshop.lifecycle;

import gridshop.platform.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Until the node is ready, the API answers 503 with Retry-After instead of serving a half-loaded grid; once it is
 * stopping, 503 with {@code Connection: close}, so a client's next request opens a connection to another node.
 */
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
        if (readiness.stopping()) {
            return NodeStopping.answer();
        }
        return Problems.response(HttpStatus.SERVICE_UNAVAILABLE,
            "The node is not ready yet [state=" + readiness.state() + "]", null, 2);
    }
}
