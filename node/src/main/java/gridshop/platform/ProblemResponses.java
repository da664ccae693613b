package gridshop.platform;

import gridshop.api.platform.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
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
        Optional<String> badField = status != HttpStatus.BAD_REQUEST ? Optional.empty()
            : ctx.getRootCause().flatMap(c -> c instanceof ConstraintViolationException v ? Optional.of(violations(v))
                : fields.describe(ctx.getRequest(), c));
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

    /** "quantity must be less than or equal to 99 [value=100]": the field as the client named it, not the Java path. */
    private static String violations(ConstraintViolationException e) {
        return e.getConstraintViolations().stream().map(v -> field(v.getPropertyPath()) + " " + v.getMessage()
            + " [value=" + v.getInvalidValue() + "]").sorted().collect(Collectors.joining("; "));
    }

    private static String field(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = "body";
        for (Path.Node n : path) {
            if (n.getKind() == ElementKind.PARAMETER) {
                parameter = n.getName();
            } else if (n.getKind() != ElementKind.METHOD) {
                names.add(n.getName());
            }
        }
        return names.isEmpty() ? parameter : String.join(".", names);
    }
}
