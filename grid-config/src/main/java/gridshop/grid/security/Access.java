package gridshop.grid.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who may reach the grid: analysts with a user and password over the JDBC/thin port (reading the caches in
 * {@code analystTables}, nothing else), and server nodes that present the cluster secret.
 *
 * @param analystTables the caches an analyst may read (those with an SQL table in the contract)
 */
public record Access(String analystUser, String analystPassword, String clusterSecret, Set<String> analystTables) {

    public Access {
        if (analystUser == null || analystUser.isBlank() || analystPassword == null || analystPassword.isEmpty()) {
            throw new IllegalArgumentException("gridshop.jdbc.user and gridshop.jdbc.password must be set");
        }
        clusterSecret = clusterSecret == null ? "" : clusterSecret;
        analystTables = Set.copyOf(analystTables);
    }

    boolean isAnalyst(Object login, String password) {
        return analystUser.equals(login) && same(analystPassword, password);
    }

    boolean isClusterSecret(String secret) {
        return same(clusterSecret, secret);
    }

    private static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Access[analystUser=" + analystUser + ", analystTables=" + analystTables + "]";
    }
}
