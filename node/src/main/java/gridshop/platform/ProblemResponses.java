package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every error Micronaut itself answers (no route, wrong method, 415, 413, unreadable or unknown JSON fields)
 * in the shop's problem format. Server faults say nothing about their cause to the client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponses implements ErrorResponseProcessor<Problem> {
    private final BodyFieldErrors fields;

    ProblemResponses(BodyFieldErrors fields) {
        this.fields = fields;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext ctx, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        Optional<String> badField = status == HttpStatus.BAD_REQUEST
            ? ctx.getRootCause().flatMap(c -> fields.describe(ctx.getRequest(), c)) : Optional.empty();
        String detail;
        if (status.getCode() >= 500) {
            detail = "The server could not handle the request.";
        } else if (badField.isPresent()) {
            detail = badField.get();
        } else if (ctx.hasErrors()) {
            detail = ctx.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        } else {
            detail = status.getReason();
        }
        Problem body = new Problem("about:blank", status.getReason(), status.getCode(), detail, null);
        return base.body(body).contentType(Problem.MEDIA_TYPE);
    }
}
