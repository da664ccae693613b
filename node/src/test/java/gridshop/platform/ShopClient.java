package gridshop.platform;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP against one node, so tests can send exactly the bytes a client would (bad JSON included). */
public final class ShopClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;
    private final boolean checked;

    public ShopClient(String base, JsonMapper json) {
        this(base, json, false);
    }

    /** {@code checked}: every answer goes through {@link SpecValidator} (the contract tests' nodes). */
    public ShopClient(String base, JsonMapper json, boolean checked) {
        this.base = base;
        this.json = json;
        this.checked = checked;
    }

    /** The same node, without the spec check (for tests that send what no client should, on purpose). */
    public ShopClient unchecked() {
        return new ShopClient(base, json, false);
    }

    public record Reply(int status, java.net.http.HttpHeaders headers, String body, JsonMapper json) {
        public <T> T as(Class<T> type) {
            try {
                return json.readValue(body, Argument.of(type));
            } catch (IOException e) {
                throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return as(Map.class);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET with {@code Authorization: Bearer token}. */
    public Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply post(String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (body == null) {
            return send(b.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(r.statusCode(), r.headers(), r.body(), json);
            if (checked) {
                SpecValidator.check(built.method(), built.uri(), reply.status(), reply.contentType(), reply.body());
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }
}
