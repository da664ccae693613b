package gridshop.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.cart.CartCache;
import gridshop.grid.order.OrderCache;
import gridshop.grid.session.SessionCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A session id is a shopper's only credential (with it, anyone reads and checks out the cart), and an order id
 * gives the session id back ({@code GET /api/orders/{id}}). The analyst login reads the shop's tables: whatever it
 * can read, through any column, {@code _KEY} or {@code _VAL}, on either engine, must open no session and no order
 * through the API (the API's ids are signed, the tables hold their unsigned part: {@code ShopperIds}), and name no
 * customer (customer ids are kept sealed). The thin client on the same port is probed too.
 */
class AnalystCredentialTest {
    private static final String USER = "analyst";
    private static final String PASSWORD = "test-analyst-password";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> PROBES = List.of(
        "SELECT * FROM SHOPPER_SESSION", "SELECT _key FROM SHOPPER_SESSION", "SELECT _val FROM SHOPPER_SESSION",
        "SELECT * FROM CART", "SELECT _key FROM CART", "SELECT _val FROM CART",
        "SELECT * FROM ORDERS", "SELECT _key FROM ORDERS", "SELECT _val FROM ORDERS",
        "SELECT * FROM ORDER_LINE", "SELECT _key FROM ORDER_LINE", "SELECT _val FROM ORDER_LINE");

    @Test
    void nothingAnAnalystReadsOpensASessionOrAnOrderOrNamesACustomer() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopClient http = grid.node(0).http();
            String customer = "customer-" + UUID.randomUUID();
            ShopClient.Reply created = http.post("/api/sessions", "{\"customerId\":\"" + customer + "\"}");
            assertEquals(201, created.status(), created.body());
            String browsing = (String) created.map().get("sessionId");
            ShopFixture.setQuantity(http, browsing, ShopFixture.inStock(3), 1);
            String ordered = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, ordered, ShopFixture.inStock(7), 1);
            ShopClient.Reply placed = ShopFixture.checkout(http, ordered, "credential-test");
            assertEquals(201, placed.status());
            String orderId = (String) placed.map().get("orderId");
            ShopFixture.setQuantity(http, ordered, ShopFixture.inStock(9), 1);

            int port = grid.node(0).context().getProperty("gridshop.jdbc.port", Integer.class).orElseThrow();
            Map<String, Set<String>> read = readAsAnalyst("jdbc:ignite:thin://127.0.0.1:" + port);
            read.putAll(scanAsAnalyst(port));
            List<String> leaks = new ArrayList<>();
            read.forEach((probe, values) -> {
                for (String value : values) {
                    if (value.contains(browsing) || value.contains(ordered)) {
                        leaks.add(probe + " reads a session id as the shopper holds it: " + value);
                    } else if (value.contains(customer)) {
                        leaks.add(probe + " reads a customer id: " + value);
                    } else if (ID.matcher(value).matches()) {
                        opens(http, value, List.of(browsing, ordered)).forEach(o -> leaks.add(probe + " reads " + o));
                    }
                }
            });
            assertTrue(read.values().stream().anyMatch(v -> v.stream().anyMatch(x -> x.contains(ShopFixture.gridId(ordered)))),
                "the analyst reads the session's rows (by their unsigned id)");
            assertTrue(read.values().stream().anyMatch(v -> v.stream().anyMatch(x -> x.contains(ShopFixture.gridId(orderId)))),
                "the analyst reads the order's rows (by their unsigned id)");
            assertEquals(200, http.get("/api/orders/" + orderId).status(), "the shopper's own order id opens the order");
            assertEquals(customer, http.get("/api/sessions/" + browsing).map().get("customerId"),
                "the shopper's session answers its customer id");
            assertTrue(read.values().stream().anyMatch(v -> v.stream().anyMatch(x -> x.contains(ShopFixture.IDS.sealCustomer(customer)))),
                "the analyst reads the customer's sealed id (to count and join by customer)");
            assertEquals(List.of(), leaks, "credentials an analyst can read");
        }
    }

    /** Every value each probe reads, on each engine (a probe refused is a probe that reads nothing). */
    private static Map<String, Set<String>> readAsAnalyst(String url) throws SQLException {
        Map<String, Set<String>> read = new LinkedHashMap<>();
        for (String engine : List.of("calcite", "h2")) {
            try (Connection c = DriverManager.getConnection(url + "?queryEngine=" + engine, USER, PASSWORD);
                 Statement st = c.createStatement()) {
                for (String sql : PROBES) {
                    Set<String> values = read.computeIfAbsent(engine + ": " + sql, k -> new LinkedHashSet<>());
                    try (ResultSet rs = st.executeQuery(sql)) {
                        while (rs.next()) {
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                values.add(describe(rs.getObject(i)));
                            }
                        }
                    } catch (SQLException refused) {
                        // Refused or unknown: nothing read.
                    }
                }
            }
        }
        return read;
    }

    /** The analyst's thin client: every key and value of the caches behind the session and order tables. */
    private static Map<String, Set<String>> scanAsAnalyst(int port) {
        Map<String, Set<String>> read = new LinkedHashMap<>();
        for (String cache : List.of(SessionCache.NAME, CartCache.NAME, OrderCache.NAME)) {
            Set<String> values = read.computeIfAbsent("thin client: scan " + cache, k -> new LinkedHashSet<>());
            try (IgniteClient client = Ignition.startClient(new ClientConfiguration()
                .setAddresses("127.0.0.1:" + port).setUserName(USER).setUserPassword(PASSWORD))) {
                client.cache(cache).withKeepBinary().query(new ScanQuery<>()).getAll().forEach(e -> {
                    values.add(describe(e.getKey()));
                    values.add(describe(e.getValue()));
                });
            } catch (RuntimeException refused) {
                // Refused (the connection or the scan): nothing read.
            }
        }
        return read;
    }

    /** A value as the analyst sees it, with the fields of an object (a {@code _VAL}, a binary object) spelled out. */
    private static String describe(Object o) {
        if (o == null || o instanceof CharSequence || o instanceof Number || o instanceof java.util.Date) {
            return String.valueOf(o);
        }
        if (o instanceof BinaryObject b) {
            StringBuilder fields = new StringBuilder(b.type().typeName());
            b.type().fieldNames().forEach(f -> fields.append(' ').append(f).append('=').append(describe(b.field(f))));
            return fields.toString();
        }
        StringBuilder fields = new StringBuilder(o.getClass().getName());
        for (Field f : o.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && f.trySetAccessible()) {
                try {
                    fields.append(' ').append(f.getName()).append('=').append(f.get(o));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return fields.toString();
    }

    /** What the value opens through the shopper API: a session, or an order that names a session. */
    private static List<String> opens(ShopClient http, String value, List<String> sessions) {
        List<String> opened = new ArrayList<>();
        if (http.get("/api/sessions/" + value).status() == 200) {
            opened.add("a session id: " + value);
        }
        if (http.get("/api/sessions/" + value + "/cart").status() == 200) {
            opened.add("a session id that opens its cart: " + value);
        }
        ShopClient.Reply order = http.get("/api/orders/" + value);
        if (order.status() == 200) {
            opened.add("an order id: " + value);
        }
        return opened;
    }
}
