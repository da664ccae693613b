package gridshop.platform;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Every answer a contract test sees, checked against the OpenAPI document the node serves (the one the annotation
 * processor wrote into target/classes): its status must be one the operation lists, with that content type and a
 * body of that schema. An answer the spec does not describe fails the test that saw it.
 */
public final class SpecValidator {
    public static final String SPEC = "META-INF/swagger/gridshop-0.1.yml";
    private static volatile OpenApiInteractionValidator validator;

    private SpecValidator() {
    }

    public static String spec() {
        try (InputStream in = SpecValidator.class.getClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is not on the classpath: the OpenAPI processor did not run");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws an AssertionError naming what the spec does not describe in this answer. */
    public static void check(String method, URI uri, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null && !contentType.isEmpty()) {
            response.withContentType(contentType);
        }
        ValidationReport report = validator().validateResponse(uri.getRawPath(), Request.Method.valueOf(method),
            response.build());
        if (report.hasErrors() && contentType != null && contentType.startsWith("application/problem+json")
            && (status == 404 && only(report, "validation.request.path.missing")
                || status == 405 && only(report, "validation.request.operation.notAllowed"))) {
            return; // a path or method the API does not have: 404 / 405 problem+json is the contract's answer
        }
        if (report.hasErrors()) {
            throw new AssertionError("the answer is not what the spec describes: " + method + " " + uri.getRawPath()
                + " → " + status + " " + contentType + " " + abbreviate(body) + "\n" + report.getMessages().stream()
                .map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n")));
        }
    }

    private static boolean only(ValidationReport report, String key) {
        return report.getMessages().stream().allMatch(m -> m.getKey().equals(key));
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (SpecValidator.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec()).build();
                }
            }
        }
        return validator;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 300 ? String.valueOf(body) : body.substring(0, 300) + "…";
    }
}
