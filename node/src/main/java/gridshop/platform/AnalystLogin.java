package gridshop.platform;

import jakarta.inject.Singleton;

/**
 * The analysts' SQL endpoint (Ignite's JDBC thin driver): where it listens and the one read-only login it
 * takes. The password is configured, or random per start (printed once at start-up, like the tokens).
 */
@GridMode
@Singleton
public final class AnalystLogin {
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    AnalystLogin(AnalystProperties props) {
        this.host = props.host();
        this.port = props.port();
        this.user = props.user();
        this.password = props.password().isBlank() ? Tokens.random() : props.password();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** What the banner says: the URL, the login, and how to open the shell with it. */
    public String banner() {
        return "  analyst SQL: jdbc:ignite:thin://" + host + ":" + port + " (user " + user + ", password " + password
            + ", read-only)\n    shell: GRIDSHOP_JDBC_PASSWORD=" + password + " scripts/sql\n";
    }
}
