package gridshop.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON read as JSON (Jackson), for the one-line summaries the tools print and the nodes' answers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new BenchException("not JSON: " + abbreviate(json) + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A flat JSON object's fields as the text they were written in ("12.50" stays "12.50", a string loses its quotes),
     * in their order: the tools' summaries are printed with a fixed number of decimals, and the report keeps them.
     */
    static Map<String, String> fields(String json) {
        return fields(json, false);
    }

    /** As {@link #fields(String)}, with string values kept in their quotes ("fails" stays "\"fails\""). */
    static Map<String, String> fieldsAsWritten(String json) {
        return fields(json, true);
    }

    private static Map<String, String> fields(String json, boolean quoted) {
        Map<String, String> f = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BenchException("not a JSON object: " + abbreviate(json));
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isStructStart()) {
                    p.skipChildren();
                } else {
                    f.put(name, quoted && v == JsonToken.VALUE_STRING ? '"' + p.getText() + '"' : p.getText());
                }
            }
        } catch (IOException e) {
            throw new BenchException("not JSON: " + abbreviate(json) + " (" + e.getMessage() + ")");
        }
        return f;
    }

    /** The JSON after PREFIX on the first line of OUTPUT that starts with it ("BENCH {…}"), if any. */
    static java.util.Optional<String> line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).trim());
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
