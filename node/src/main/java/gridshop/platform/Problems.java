package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds {@code application/problem+json} responses. */
public final class Problems {
    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpStatus status, String detail, List<Long> productIds,
                                                        Integer retryAfterSeconds) {
        Problem body = new Problem("about:blank", status.getReason(), status.getCode(), detail, productIds);
        MutableHttpResponse<Problem> r = HttpResponse.<Problem>status(status).body(body).contentType(Problem.MEDIA_TYPE);
        if (retryAfterSeconds != null) {
            r.header("Retry-After", String.valueOf(retryAfterSeconds));
        }
        return r;
    }

    public static MutableHttpResponse<Problem> response(ApiException e) {
        return response(e.status(), e.getMessage(), e.productIds(), e.retryAfterSeconds());
    }
}
