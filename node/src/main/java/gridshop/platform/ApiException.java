package gridshop.platform;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** A request the shop answers with a 4xx or 503 problem; the message is the problem's {@code detail}. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final List<Long> productIds;
    private final Integer retryAfterSeconds;
    private final boolean lookedUp;

    ApiException(HttpStatus status, String detail, List<Long> productIds, Integer retryAfterSeconds) {
        this(status, detail, productIds, retryAfterSeconds, false);
    }

    private ApiException(HttpStatus status, String detail, List<Long> productIds, Integer retryAfterSeconds, boolean lookedUp) {
        super(detail, null, false, false);
        this.status = status;
        this.productIds = productIds;
        this.retryAfterSeconds = retryAfterSeconds;
        this.lookedUp = lookedUp;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, null, null);
    }

    /**
     * A well-formed id that the data this node sees does not hold (a session, an order, a product): 404, unless this
     * side of the grid has no majority, where it may have been written on the other side of a cut (see
     * {@link ApiExceptionHandler}).
     */
    public static ApiException notHeld(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, null, null, true);
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

    /** A 404 from a lookup of data ({@link #notHeld}), not from a malformed or forged id. */
    public boolean lookedUp() {
        return lookedUp;
    }
}
