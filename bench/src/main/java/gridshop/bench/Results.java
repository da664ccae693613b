package gridshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the run measured, in the order it measured it: wrk scenarios, analyst queries, and named figures. */
final class Results {
    record Http(String scenario, String mode, Summary summary) {
    }

    record Figure(String name, String value) {
    }

    final List<Http> http = new ArrayList<>();
    final List<Map<String, String>> sql = new ArrayList<>();
    final List<Figure> figures = new ArrayList<>();

    void figure(String name, String value) {
        figures.add(new Figure(name, value));
        System.out.println("  " + name + ": " + value);
    }

    void http(String scenario, String mode, Summary s) {
        http.add(new Http(scenario, mode, s));
    }

    /** The orders of the last wrk scenario recorded (the flusher and PostgreSQL's CPU are per order of it). */
    long lastOrders() {
        return http.isEmpty() ? 0 : http.get(http.size() - 1).summary().count("orders");
    }
}
