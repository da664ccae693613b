package gridshop.grid.platform;

/**
 * TLS for discovery, node-to-node communication and the analyst JDBC/thin port: this node's key and the
 * certificates it trusts. Nodes authenticate each other both ways; analysts' clients need the truststore
 * (or the certificate) only. Off when {@code keyStore} is empty.
 *
 * @param storeType the key and trust stores' type ({@code PKCS12}, the JDK's default, or {@code JKS})
 */
public record Tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
                  String storeType) {
    public static final Tls OFF = new Tls("", "", "", "", "PKCS12");

    public boolean enabled() {
        return keyStore != null && !keyStore.isBlank();
    }

    @Override
    public String toString() {
        return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", storeType=" + storeType + "]";
    }
}
