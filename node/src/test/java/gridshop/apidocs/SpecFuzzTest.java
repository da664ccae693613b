package gridshop.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.AdminClient;
import gridshop.platform.OneNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.SpecValidator;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * Requests generated from the OpenAPI document, for every operation: valid ones (values of the right type and
 * range, ids that exist, the right token) and deliberately broken ones (wrong types, out-of-range and huge
 * numbers, huge, empty, control-character and unpaired-surrogate strings, unknown fields, missing fields,
 * malformed JSON, a wrong content type, bad ids in the path, bad query values and unknown parameters, missing or
 * malformed tokens and Idempotency-Keys), against a running node. Never a 5xx but 503 with Retry-After; every 4xx
 * is problem+json with a detail, naming the field where one field was broken; every answer is one the spec
 * describes (the node's client validates it); a valid write is readable afterwards. Seeded (-Dfuzz.seed), with a
 * fixed budget (-Dfuzz.requests, 2,000); the seed is printed and named in every failure.
 */
@Timeout(600)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecFuzzTest implements OneNode {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int BUDGET = Integer.getInteger("fuzz.requests", 2_000);
    private static final String[] STRANGE = {"", " ", "\u0000", "a\u0007b", "\ud800", "\uffff", "😀🛒", "Ünïcødé ß",
        "%00", "../../etc/passwd", "'; DROP TABLE product; --", "<script>alert(1)</script>", "9".repeat(40), "-1",
        "1e400", "null", "true", "{}", "[]"};
    @Inject
    EmbeddedServer server;
    private static ShopClient http;
    private static final List<String> sessions = new ArrayList<>();
    private static String orderId;
    private static String reportId;

    private record Op(String method, String path, Map<String, Object> spec) {
    }

    private record Case(String what, String field, String method, String path, String body, String contentType,
                        Map<String, String> headers, boolean valid) {
        @Override
        public String toString() {
            return method + " " + path + " [" + what + "] " + (body == null ? "" : abbreviate(body)) + " " + headers;
        }
    }

    @BeforeAll
    void start() {
        http = OneNode.ready(server);
        for (int i = 0; i < 5; i++) {
            sessions.add(ShopFixture.newSession(http));
        }
        String buyer = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, buyer, ShopFixture.inStock(1), 1);
        orderId = http.send(HttpRequest.newBuilder(http.uri("/api/sessions/" + buyer + "/checkout"))
            .header("Idempotency-Key", "fuzz-setup").POST(HttpRequest.BodyPublishers.noBody())).map().get("orderId").toString();
        reportId = AdminClient.of(http).send("/api/reports", "POST", "{\"type\":\"top-products\"}").map().get("id").toString();
    }

    @Test
    void everyOperationAnswersGeneratedAndBrokenRequestsWithinTheContract() throws Exception {
        System.out.println("SpecFuzzTest seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + "), " + BUDGET + " requests");
        Random random = new Random(SEED);
        List<Op> ops = operations();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < BUDGET && failures.size() < 20; i++) {
            Op op = ops.get(i % ops.size());
            Case c = random.nextInt(3) == 0 ? valid(op, random) : broken(op, random);
            try {
                ShopClient.Reply r = send(c);
                statuses.merge(c.method + " " + r.status(), 1, Integer::sum);
                String wrong = judge(c, r);
                if (wrong != null) {
                    failures.add(wrong + ": " + c + " → " + r.status() + " " + r.contentType() + " " + abbreviate(r.body()));
                }
            } catch (AssertionError e) { // the answer is not one the spec describes
                failures.add(c + " → " + e.getMessage());
            }
        }
        System.out.println("SpecFuzzTest answers by method and status: " + statuses);
        assertEquals(List.of(), failures, "seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String judge(Case c, ShopClient.Reply r) throws InterruptedException {
        if (r.status() >= 500) {
            return r.status() == 503 && r.headers().firstValue("Retry-After").isPresent() ? null
                : "a 5xx other than 503 with Retry-After";
        }
        if (r.status() >= 400) {
            if (!r.contentType().startsWith("application/problem+json")) {
                return "a 4xx that is not problem+json";
            }
            Object detail = r.map().get("detail");
            if (detail == null || detail.toString().isBlank()) {
                return "a problem without a detail";
            }
            if (c.field != null && r.status() == 400 && !detail.toString().toLowerCase().contains(c.field.toLowerCase())) {
                return "the detail does not name the field " + c.field;
            }
            return null;
        }
        return c.valid ? readBack(c, r) : null;
    }

    /** A valid write is readable afterwards. */
    private static String readBack(Case c, ShopClient.Reply r) throws InterruptedException {
        Matcher cart = Pattern.compile("/api/sessions/([^/]+)/cart/items/(\\d+)").matcher(c.path);
        if (c.method.equals("PUT") && cart.matches()) {
            String quantity = c.body.replaceAll("\\D", "");
            String read = http.get("/api/sessions/" + cart.group(1) + "/cart").body();
            return read.contains("\"productId\":" + cart.group(2) + ",") && read.contains("\"quantity\":" + quantity)
                ? null : "the cart put is not read back: " + abbreviate(read);
        }
        if (c.method.equals("POST") && c.path.equals("/api/sessions")) {
            String id = r.map().get("sessionId").toString();
            return http.get("/api/sessions/" + id).status() == 200 ? null : "the new session is not read back";
        }
        if (c.method.equals("PUT") && c.path.equals("/api/admin/synonyms")) {
            String read = http.get("/api/admin/synonyms", AdminClient.TOKEN).body();
            return read.equals(r.body()) ? null : "the synonyms put are not read back: " + abbreviate(read);
        }
        Matcher price = Pattern.compile("/api/admin/products/(\\d+)/price").matcher(c.path);
        if (price.matches()) {
            String expected = new java.math.BigDecimal(c.body.replaceAll("[^0-9.]", "")).setScale(2).toPlainString();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            String read = "";
            while (System.nanoTime() < until) {
                read = http.get("/api/products/" + price.group(1)).body();
                if (read.contains("\"price\":" + expected + ",")) {
                    return null;
                }
                Thread.sleep(50);
            }
            return "the new price " + expected + " is not read back within 2 s: " + abbreviate(read);
        }
        return null;
    }

    private static ShopClient.Reply send(Case c) {
        HttpRequest.BodyPublisher body = c.body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(c.body);
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(c.path)).method(c.method, body);
        if (c.contentType != null) {
            b.header("Content-Type", c.contentType);
        }
        c.headers.forEach(b::header);
        return http.send(b);
    }

    // --- generation -------------------------------------------------------------------------------------

    private static Case valid(Op op, Random r) {
        Map<String, String> headers = new LinkedHashMap<>(auth(op, true, r));
        StringBuilder query = new StringBuilder();
        for (Map<String, Object> p : params(op)) {
            String name = (String) p.get("name");
            if ("header".equals(p.get("in"))) {
                headers.put(name, "fuzz-" + Long.toHexString(r.nextLong()));
            } else if ("query".equals(p.get("in")) && r.nextBoolean()) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                    .append(enc(validValue(name, schema(p), r)));
            }
        }
        String path = fill(op, r, null) + query;
        String body = bodySchema(op) == null ? null : validBody(op, r);
        return new Case("valid", null, op.method, path, body, body == null ? null : "application/json", headers, true);
    }

    private static Case broken(Op op, Random r) {
        Map<String, Object> body = bodySchema(op);
        List<String> kinds = new ArrayList<>(List.of("path", "query", "token", "unknown-query"));
        if (body != null) {
            kinds.addAll(List.of("json", "type", "range", "huge", "strange", "unknown-field", "missing", "content-type"));
        }
        if (params(op).stream().anyMatch(p -> "header".equals(p.get("in")))) {
            kinds.add("header");
        }
        String kind = kinds.get(r.nextInt(kinds.size()));
        Case v = valid(op, r);
        Map<String, String> headers = new LinkedHashMap<>(v.headers);
        String path = v.path;
        String json = v.body;
        String contentType = v.contentType;
        String field = null;
        switch (kind) {
            case "path" -> path = fill(op, r, STRANGE[r.nextInt(STRANGE.length)]);
            case "query", "unknown-query" -> {
                List<Map<String, Object>> q = params(op).stream().filter(p -> "query".equals(p.get("in"))).toList();
                String name = kind.equals("query") && !q.isEmpty() ? (String) q.get(r.nextInt(q.size())).get("name") : "fuzz" + r.nextInt(99);
                path = fill(op, r, null) + "?" + name + "=" + enc(STRANGE[r.nextInt(STRANGE.length)]);
            }
            case "token" -> {
                headers.remove("Authorization");
                headers.putAll(auth(op, false, r));
            }
            case "header" -> headers.put("Idempotency-Key", r.nextBoolean() ? "k".repeat(65) : "");
            case "json" -> json = json.substring(0, r.nextInt(Math.max(1, json.length())));
            case "content-type" -> contentType = r.nextBoolean() ? "text/plain" : "application/xml";
            default -> {
                Map<String, Object> props = properties(body);
                List<String> names = new ArrayList<>(props.keySet());
                field = names.isEmpty() ? null : names.get(r.nextInt(names.size()));
                Map<String, Object> values = validValues(body, r);
                switch (kind) {
                    case "type" -> values.put(field, wrongType(schemaOf(props.get(field)), r));
                    case "range" -> values.put(field, r.nextBoolean() ? -1 : r.nextBoolean() ? 1e20 : 0);
                    case "huge" -> values.put(field, "x".repeat(r.nextBoolean() ? 300 : 70_000));
                    case "strange" -> values.put(field, STRANGE[r.nextInt(STRANGE.length)]);
                    case "unknown-field" -> {
                        field = "fuzzField" + r.nextInt(99);
                        values.put(field, 1);
                    }
                    default -> {
                        if (!required(body).contains(field)) {
                            field = null; // an optional field left out is valid
                        }
                        values.remove(field);
                    }
                }
                json = toJson(values);
                if (!kind.equals("unknown-field") && !kind.equals("missing") && !kind.equals("type")) {
                    field = null; // a value out of range may be refused by name or by its rule
                }
            }
        }
        return new Case(kind, field, op.method, path, json, contentType, headers, false);
    }

    private static Map<String, String> auth(Op op, boolean valid, Random r) {
        Object security = op.spec.get("security");
        if (security == null) {
            return Map.of();
        }
        String scheme = ((Map<?, ?>) ((List<?>) security).get(0)).keySet().iterator().next().toString();
        String token = scheme.equals("adminToken") ? AdminClient.TOKEN : "test-ops-token";
        if (valid) {
            return Map.of("Authorization", "Bearer " + token);
        }
        return switch (r.nextInt(4)) {
            case 0 -> Map.of();
            case 1 -> Map.of("Authorization", "Bearer wrong-" + token);
            case 2 -> Map.of("Authorization", "Basic " + token);
            default -> Map.of("Authorization", "Bearer");
        };
    }

    /** The operation's path with its variables filled: ids that exist, or {@code strange} in one of them. */
    private static String fill(Op op, Random r, String strange) {
        List<String> vars = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(op.path);
        while (m.find()) {
            vars.add(m.group(1));
        }
        String broken = strange == null || vars.isEmpty() ? null : vars.get(r.nextInt(vars.size()));
        String path = op.path;
        for (String v : vars) {
            String value = v.equals(broken) ? strange : switch (v) {
                case "sessionId" -> sessions.get(r.nextInt(sessions.size()));
                case "orderId" -> orderId;
                case "productId" -> String.valueOf(1 + r.nextInt(300));
                case "file" -> r.nextBoolean() ? "swagger-ui.css" : "favicon-32x32.png";
                default -> op.path.startsWith("/api/reports") ? reportId
                    : op.path.startsWith("/api/admin/dead-letters") ? java.util.UUID.randomUUID().toString()
                    : String.valueOf(1 + r.nextInt(300));
            };
            path = path.replace("{" + v + "}", enc(value).replace("+", "%20"));
        }
        return path;
    }

    private static String validBody(Op op, Random r) {
        return toJson(validValues(bodySchema(op), r));
    }

    private static Map<String, Object> validValues(Map<String, Object> schema, Random r) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties(schema).forEach((name, s) -> {
            Object v = validValue(name, schemaOf(s), r);
            if (v != null) {
                values.put(name, v);
            }
        });
        return values;
    }

    /** A value a client could mean: the right type, inside the ranges the contract states. */
    private static Object validValue(String name, Map<String, Object> s, Random r) {
        if (s.get("enum") instanceof List<?> e) {
            return e.get(r.nextInt(e.size()));
        }
        return switch (name) {
            case "quantity" -> 1 + r.nextInt(3);
            case "price", "minPrice", "maxPrice" -> new java.math.BigDecimal(1 + r.nextInt(500) + "." + (10 + r.nextInt(90)));
            case "available" -> r.nextInt(500);
            case "rating" -> Math.round(r.nextDouble() * 50) / 10.0;
            case "page" -> r.nextInt(6);
            case "size" -> 1 + r.nextInt(100);
            case "type" -> List.of("revenue-by-category", "top-products", "cart-abandonment").get(r.nextInt(3));
            case "from", "to", "customerId", "id" -> null;
            case "groups" -> List.of(List.of(), List.of(List.of("sofa", "Couch")),
                List.of(List.of("lamp", "light", "LAMP"), List.of("desk", "table"))).get(r.nextInt(3));
            default -> switch (String.valueOf(s.get("type"))) {
                case "integer" -> 1 + r.nextInt(100);
                case "number" -> 1 + r.nextInt(100);
                case "boolean" -> r.nextBoolean();
                default -> List.of("lamp", "chair", "Halcyon", "smart", "Fitness", "desk oak").get(r.nextInt(6));
            };
        };
    }

    private static Object wrongType(Map<String, Object> s, Random r) {
        return switch (String.valueOf(s.get("type"))) {
            case "integer", "number" -> r.nextBoolean() ? "twelve" : List.of(1, 2);
            case "boolean" -> "maybe";
            default -> r.nextBoolean() ? Map.of("nested", 1) : List.of("a");
        };
    }

    // --- the spec ---------------------------------------------------------------------------------------

    /** The spec, parsed once: every $ref of every generated request resolves against it. */
    private static final Map<String, Object> DOC = new Yaml().load(SpecValidator.spec());

    private static Map<String, Object> doc() {
        return DOC;
    }

    @SuppressWarnings("unchecked")
    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc().get("paths")).forEach((path, methods) ->
            methods.forEach((method, spec) -> ops.add(new Op(method.toUpperCase(), path, (Map<String, Object>) spec))));
        assertTrue(ops.size() > 25, "operations in the spec: " + ops.size());
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> params(Op op) {
        return (List<Map<String, Object>>) op.spec.getOrDefault("parameters", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> param) {
        return schemaOf(param.get("schema"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bodySchema(Op op) {
        Map<String, Object> rb = (Map<String, Object>) op.spec.get("requestBody");
        if (rb == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) rb.get("content")).get("application/json");
        return content == null ? null : schemaOf(content.get("schema"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemaOf(Object s) {
        Map<String, Object> m = s == null ? Map.of() : (Map<String, Object>) s;
        if (m.get("$ref") instanceof String ref) {
            Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc().get("components")).get("schemas");
            return (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (m.get("allOf") instanceof List<?> all && !all.isEmpty()) {
            return schemaOf(all.get(0));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Map<String, Object> schema) {
        return (List<String>) schema.getOrDefault("required", List.of());
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(quote(k)).append(':').append(json(v)));
        return b.append('}').toString();
    }

    private static String json(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? "," : "").append(json(x)));
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? "," : "").append(quote(k.toString())).append(':').append(json(x)));
            return b.append('}').toString();
        }
        return v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !(s.codePoints().anyMatch(cp -> cp > 0xFFFF))) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String enc(Object v) {
        return URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 200 ? String.valueOf(s) : s.substring(0, 200) + "…";
    }
}
