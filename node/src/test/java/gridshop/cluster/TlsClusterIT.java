package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.SqlScript;
import gridshop.platform.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code gridshop.tls.*} set (keys made by the test with keytool), two nodes form a cluster over TLS and
 * serve each other's data; a node without TLS cannot join it (it says the cluster may use SSL, and exits), and
 * the cluster is unchanged; analysts reach the JDBC port over TLS only. Separate JVMs.
 */
@Timeout(300)
class TlsClusterIT {

    @Test
    void aTlsClusterFormsAndAPlainTextNodeCannotJoinIt() throws Exception {
        TestKeys keys = TestKeys.generate(Path.of("target", "it-tls"), "gridshop-it");
        try (OwnPostgres pg = OwnPostgres.start("tls");
             NodeProcess a = NodeProcess.start(pg.url(), keys.nodeSettings());
             NodeProcess b = NodeProcess.start(pg.url(), keys.nodeSettings())) {
            assertEquals(2, a.servers(), "two TLS nodes form one cluster");
            String sid = ShopFixture.newSession(a.http());
            CartRow put = CartRow.of(ShopFixture.setQuantity(a.http(), sid, ShopFixture.inStock(3), 2));
            assertEquals(put, CartRow.of(b.http().get("/api/sessions/" + sid + "/cart").as(CartResponse.class)),
                "the other node serves the cart over the TLS cluster");

            try (NodeProcess plain = NodeProcess.launch(pg.url(), Map.of())) {
                assertEquals(1, plain.awaitExit(Duration.ofSeconds(120)), "the plain-text node exits with status 1");
                assertTrue(Files.readString(plain.log()).contains("Was remote cluster configured with SSL?"),
                    "the plain-text node's log says why");
            }
            assertEquals(2, a.servers(), "the cluster is unchanged");

            // The driver wants a client keystore even when the server asks for no certificate: the truststore will do.
            String store = keys.trustStore() + "&sslClientCertificateKeyStorePassword=" + keys.password()
                + "&sslClientCertificateKeyStoreType=PKCS12";
            String tls = "jdbc:ignite:thin://127.0.0.1:" + NodeProcess.JDBC_PORT + "?sslMode=require&sslTrustCertificateKeyStoreUrl="
                + keys.trustStore() + "&sslTrustCertificateKeyStorePassword=" + keys.password()
                + "&sslTrustCertificateKeyStoreType=PKCS12&sslClientCertificateKeyStoreUrl=" + store;
            try (Connection c = DriverManager.getConnection(tls, "analyst", NodeProcess.JDBC_PASSWORD);
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM SHOPPER_SESSION")) {
                rs.next();
                assertTrue(rs.getLong(1) >= 1, "an analyst reads over TLS");
            }
            assertEquals(List.of("\"N\"", "\"200\""), SqlScript.run("jdbc:ignite:thin://127.0.0.1:" + NodeProcess.JDBC_PORT,
                Map.of("GRIDSHOP_JDBC_TRUSTSTORE", keys.trustStore().toString(),
                    "GRIDSHOP_JDBC_TRUSTSTORE_PASSWORD", keys.password()), "--csv", "-e", "SELECT COUNT(*) AS n FROM PRODUCT"),
                "scripts/sql reaches a TLS node with the truststore");
            assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:" + NodeProcess.JDBC_PORT,
                "analyst", NodeProcess.JDBC_PASSWORD).close(), "a plain-text JDBC connection is refused");
        }
    }
}
