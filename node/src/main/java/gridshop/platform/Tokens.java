package gridshop.platform;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The admin and ops bearer tokens: configured, or random per start (printed once at start-up). */
@Singleton
public final class Tokens {
    private final String admin;
    private final String ops;

    Tokens(TokenProperties props) {
        this.admin = props.adminToken().isBlank() ? random() : props.adminToken();
        this.ops = props.opsToken().isBlank() ? random() : props.opsToken();
    }

    public String admin() {
        return admin;
    }

    public String ops() {
        return ops;
    }

    /** Constant-time comparison of an {@code Authorization} header against {@code Bearer <token>}. */
    public static boolean matches(String authorization, String token) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    /** Null if the request carries {@code Bearer <token>}; else the 401 problem that names the token ({@code role}). */
    static io.micronaut.http.MutableHttpResponse<?> unlessBearer(io.micronaut.http.HttpRequest<?> request, String token,
                                                               String role) {
        if (matches(request.getHeaders().get(io.micronaut.http.HttpHeaders.AUTHORIZATION), token)) {
            return null;
        }
        return Problems.response(ApiException.unauthorized("a valid " + role + " bearer token is required"))
            .header(io.micronaut.http.HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    static String random() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
