package gridshop.platform;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** A request the shop answers with a 4xx or 503 problem; the message is the problem's {@code detail}. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final List<Long> productIds;
    private final Integer retryAfterSeconds;

    ApiException(HttpStatus status, String detail, List<Long> productIds, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.productIds = productIds;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, null, null);
    }

    public static ApiException conflict(String detail, List<Long> productIds) {
        return new ApiException(HttpStatus.CONFLICT, detail, productIds, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, detail, null, null);
    }

    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, null, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    public List<Long> productIds() {
        return productIds;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
