package gridshop.bench;

/** Sums over a node's /metrics (Prometheus text): the lines of one metric, optionally with one label value. */
final class Metrics {
    private Metrics() {
    }

    /** The sum of the values of the lines starting with NAME that contain LABEL (null: every such line). */
    static double sum(String text, String name, String label) {
        double s = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (label == null || line.contains(label))) {
                String[] w = line.trim().split("\\s+");
                if (w.length > 1) {
                    s += Double.parseDouble(w[1]);
                }
            }
        }
        return s;
    }

    /** The largest value of the lines starting with NAME (0 if none). */
    static double max(String text, String name) {
        double m = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                String[] w = line.trim().split("\\s+");
                if (w.length > 1) {
                    m = Math.max(m, Double.parseDouble(w[1]));
                }
            }
        }
        return m;
    }
}
