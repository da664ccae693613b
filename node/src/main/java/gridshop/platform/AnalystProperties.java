package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The analysts' SQL endpoint (Ignite's JDBC thin driver): {@code host} and {@code port} it listens on (with the
 * grid's port range), and its one read-only login, {@code user} / {@code password} (empty: random per start).
 */
@ConfigurationProperties("gridshop.jdbc")
public record AnalystProperties(String host, int port, String user, @Nullable String password) {

    public AnalystProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gridshop.jdbc.port must be 0..65535 [port=" + port + "]");
        }
        password = password == null ? "" : password;
    }
}
