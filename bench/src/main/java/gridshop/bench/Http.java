package gridshop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The few calls the run makes to a node itself (readiness, metrics, topology, a price change). */
final class Http {
    static final String TOKEN = "bench";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The body of a 2xx answer to GET URL (with the bench's token if asked), empty on any other answer or none. */
    static Optional<String> get(String url, boolean token) {
        return send(request(url, token).GET().build(), true);
    }

    /** As {@link #get}, but the body whatever the status (readiness answers 503 with the pending writes in it). */
    static Optional<String> getAny(String url) {
        return send(request(url, false).GET().build(), false);
    }

    static boolean patchJson(String url, String json) {
        return send(request(url, true).header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), true).isPresent();
    }

    private static HttpRequest.Builder request(String url, boolean token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        return token ? b.header("Authorization", "Bearer " + TOKEN) : b;
    }

    private static Optional<String> send(HttpRequest r, boolean only2xx) {
        try {
            HttpResponse<String> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            return only2xx && a.statusCode() / 100 != 2 ? Optional.empty() : Optional.of(a.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
