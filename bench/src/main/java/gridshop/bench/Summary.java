package gridshop.bench;

import java.util.Map;

/**
 * One wrk run's summary, the "BENCH {…}" line of common.lua: requests, duration_us, latencies (p50_us …), answers
 * by status (s2xx, s409, s400, s404, s503, s5xx, sother), socket_errors, orders, and idle/late/started where the
 * scenario counts them.
 */
record Summary(Map<String, String> fields) {
    static Summary parse(String json) {
        return new Summary(Json.fields(json));
    }

    double num(String k) {
        String v = fields.get(k);
        if (v == null) {
            throw new BenchException("wrk's summary has no " + k + ": " + fields);
        }
        return Double.parseDouble(v);
    }

    long count(String k) {
        return fields.containsKey(k) ? (long) Double.parseDouble(fields.get(k)) : 0;
    }

    boolean has(String k) {
        return fields.containsKey(k);
    }

    double seconds() {
        return num("duration_us") / 1e6;
    }

    double rps() {
        return num("requests") / seconds();
    }

    double ms(String k) {
        return num(k) / 1000.0;
    }

    /** Answers other than 2xx and 409 (out of stock), socket errors included: unexplained errors. */
    long unexplained() {
        return count("s400") + count("s404") + count("s503") + count("s5xx") + count("sother") + count("socket_errors");
    }

    /** The JSON as wrk printed it (for the console). */
    String json() {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return s.append('}').toString();
    }
}
