package gridshop.platform;

import java.net.http.HttpRequest;

/** Merchant calls with (or deliberately without) the admin token of application-test.yml. */
public final class AdminClient {
    public static final String TOKEN = "test-admin-token";
    private final ShopClient http;
    private final String authorization;

    public AdminClient(ShopClient http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    public static AdminClient of(ShopClient http) {
        return new AdminClient(http, "Bearer " + TOKEN);
    }

    public ShopClient.Reply put(String path, String json) {
        return send(path, "PUT", json);
    }

    public ShopClient.Reply patch(String path, String json) {
        return send(path, "PATCH", json);
    }

    public ShopClient.Reply send(String path, String method, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b);
    }

    public static String product(long id, String name, String price) {
        return "{\"id\":" + id + ",\"sku\":\"SKU-T" + id + "\",\"name\":\"" + name + "\",\"description\":\"A test item\","
            + "\"category\":\"Testing\",\"brand\":\"Acme\",\"price\":" + price + ",\"rating\":4.5}";
    }
}
