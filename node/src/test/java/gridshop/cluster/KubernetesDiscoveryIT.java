package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import gridshop.api.cart.CartResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Discovery mode {@code kubernetes} against a stand-in Kubernetes API server on loopback (HTTPS, as the real one):
 * it answers the endpoints request of the headless service with two node addresses, 127.0.0.2 ready and 127.0.0.3
 * not yet ready, and checks the service-account token. The two node JVMs, one on each address and the same
 * discovery port, find each other through it, form one cluster and serve each other's data.
 */
@Timeout(300)
class KubernetesDiscoveryIT {
    private static final String NAMESPACE = "shop";
    private static final String SERVICE = "gridshop";
    private static final String TOKEN = "stand-in-service-account-token";

    @Test
    void nodesFindEachOtherThroughTheKubernetesApi() throws Exception {
        Path dir = Path.of("target", "it-k8s").toAbsolutePath();
        TestKeys keys = TestKeys.generate(dir, "kube-apiserver");
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        HttpsServer api = standInApiServer(keys, asked, refused);
        api.start();
        String master = "https://127.0.0.1:" + api.getAddress().getPort();
        try (OwnPostgres pg = OwnPostgres.start("k8s");
             NodeProcess a = NodeProcess.start(pg.url(), pod("127.0.0.2", master, tokenFile));
             NodeProcess b = NodeProcess.start(pg.url(), pod("127.0.0.3", master, tokenFile))) {
            assertEquals(2, a.servers(), "the two pods form one cluster");
            String sid = ShopFixture.newSession(a.http());
            CartRow put = CartRow.of(ShopFixture.setQuantity(a.http(), sid, ShopFixture.inStock(7), 3));
            assertEquals(put, CartRow.of(b.http().get("/api/sessions/" + sid + "/cart").as(CartResponse.class)),
                "the second pod serves the first one's cart");
            String sid2 = ShopFixture.newSession(b.http());
            CartRow put2 = CartRow.of(ShopFixture.setQuantity(b.http(), sid2, ShopFixture.inStock(9), 1));
            assertEquals(put2, CartRow.of(a.http().get("/api/sessions/" + sid2 + "/cart").as(CartResponse.class)),
                "and the other way round");
            assertTrue(asked.get() >= 2, "both nodes asked the API server for the endpoints, asked=" + asked.get());
            assertEquals(0, refused.get(), "every request carried the service-account token");
        } finally {
            api.stop(0);
        }
    }

    private static Map<String, String> pod(String ip, String master, Path tokenFile) {
        return Map.of("gridshop.discovery.mode", "kubernetes", "gridshop.discovery.kubernetes.namespace", NAMESPACE,
            "gridshop.discovery.kubernetes.service", SERVICE, "gridshop.discovery.kubernetes.master-url", master,
            "gridshop.discovery.kubernetes.account-token", tokenFile.toString(), "gridshop.grid.local-address", ip);
    }

    private static HttpsServer standInApiServer(TestKeys keys, AtomicInteger asked, AtomicInteger refused)
        throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.keyStore())) {
            ks.load(in, keys.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keys.password().toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/api/v1/namespaces/" + NAMESPACE + "/endpoints/" + SERVICE, ex -> {
            asked.incrementAndGet();
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                answer(ex, 401, "{\"kind\":\"Status\",\"code\":401}");
                return;
            }
            answer(ex, 200, """
                {"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},
                 "subsets":[{"addresses":[{"ip":"127.0.0.2"}],"notReadyAddresses":[{"ip":"127.0.0.3"}],
                             "ports":[{"name":"discovery","port":49500,"protocol":"TCP"}]}]}
                """.formatted(SERVICE, NAMESPACE));
        });
        return server;
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
