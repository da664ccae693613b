package gridshop.platform;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which field of a JSON body could not be read as its type, for the detail of a 400: the decoder says only
 * which Java type it could not make ("Cannot deserialize value of type java.lang.Integer"), so the body is read
 * again as a tree and each field of the target record tried on its own; the first that fails is named, with
 * the type a client understands and the value it sent.
 */
@Singleton
final class BodyFieldErrors {
    private final JsonMapper json;

    BodyFieldErrors(JsonMapper json) {
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    Optional<String> describe(HttpRequest<?> request, Throwable failure) {
        ConversionErrorException conversion = find(failure);
        if (conversion == null || request == null) {
            return Optional.empty();
        }
        Optional<BeanIntrospection<Object>> target = BeanIntrospector.SHARED.findIntrospection(
            (Class<Object>) conversion.getArgument().getType());
        Optional<String> raw = raw(request);
        if (target.isEmpty() || raw.isEmpty()) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = json.readValue(raw.get(), JsonNode.class);
        } catch (IOException e) {
            return Optional.empty(); // not JSON at all: the decoder's own message says where
        }
        if (tree == null || !tree.isObject()) {
            return Optional.of("the body must be a JSON object");
        }
        for (BeanProperty<Object, Object> p : target.get().getBeanProperties()) {
            JsonNode value = tree.get(p.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (!fits(value, p)) {
                return Optional.of(p.getName() + " must be " + kind(p.getType()) + " [value=" + abbreviate(value) + "]");
            }
        }
        return Optional.empty();
    }

    /** The body as sent: bound bodies are buffered (at most 64 KiB), and a buffered body can be read again. */
    private static Optional<String> raw(HttpRequest<?> request) {
        if (request instanceof ServerHttpRequest<?> server) {
            try (CloseableByteBody copy = server.byteBody().split();
                 CloseableAvailableByteBody bytes = copy.buffer().get(1, TimeUnit.SECONDS)) {
                return Optional.of(bytes.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return request.getBody(String.class);
    }

    /** Whether the JSON value can be read as the property's type (the decoder coerces nothing else). */
    private boolean fits(JsonNode value, BeanProperty<Object, Object> p) {
        Class<?> type = p.getType();
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return value.isNumber();
        }
        if (type == String.class) {
            return value.isString();
        }
        if (type == Boolean.class || type == boolean.class) {
            return value.isBoolean();
        }
        try {
            json.readValueFromTree(value, p.asArgument());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static ConversionErrorException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConversionErrorException e) {
                return e;
            }
        }
        return null;
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    private String abbreviate(JsonNode value) {
        String s;
        try {
            s = json.writeValueAsString(value);
        } catch (IOException e) {
            s = "?";
        }
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
