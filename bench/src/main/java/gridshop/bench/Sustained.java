package gridshop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report of the sustained-write scenario (sustained.lua): a table with a row per step of offered rate and a chart
 * of how far PostgreSQL was behind the grid over time. Steps are wrk's summaries of each step; samples what the run
 * read every second from the node (journal entries not yet flushed, the age of the oldest in seconds, rows flushed
 * since the node started). The drain: how long after the last step everything was in PostgreSQL (-1: not within the
 * wait).
 * A step is SUSTAINED when no answer was a 503 or an unexplained error, at most MAX_LATE of its shoppers started
 * over a second late (a pause of the node or of its 2 cores makes a few late; a rate the shop cannot serve makes
 * them pile up), and in its second half PostgreSQL was never more than MAX_AGE behind (the oldest unflushed write
 * was never older): past the rate the flusher can keep up with, that age grows without bound.
 */
final class Sustained {
    static final double MAX_AGE_S = 5.0;
    static final double MAX_LATE = 0.01;

    private Sustained() {
    }

    record Step(int rate, double start, double end, Summary f) {
        long n(String k) {
            return f.count(k);
        }

        long unexplained() {
            return n("s400") + n("s404") + n("s5xx") + n("sother") + n("socket_errors");
        }

        double seconds() {
            return end - start;
        }
    }

    /** One reading of the node; pending and rows are null for a second the node did not answer. */
    record Reading(double t, int rate, Long pending, double oldestS, Double rows) {
    }

    /** One second of the run; flush rows/s from the counter's change since the sample before. */
    record Sample(double t, int rate, long pending, double oldestS, double flushRowsPerS, double rows) {
    }

    static List<Sample> samples(List<Reading> readings) {
        List<Sample> samples = new ArrayList<>();
        double prevT = 0, prevRows = -1;
        for (Reading r : readings) {
            if (r.pending() == null || r.rows() == null) {
                continue; // a second the node did not answer
            }
            if (prevRows >= 0) {
                samples.add(new Sample(r.t(), r.rate(), r.pending(), r.oldestS(), (r.rows() - prevRows) / (r.t() - prevT), r.rows()));
            }
            prevT = r.t();
            prevRows = r.rows();
        }
        return samples;
    }

    static long orders(List<Step> steps) {
        return steps.stream().mapToLong(s -> s.n("orders")).sum();
    }

    static List<Sample> secondHalf(Step step, List<Sample> samples) {
        double mid = (step.start + step.end) / 2;
        return samples.stream().filter(s -> s.t >= mid && s.t <= step.end + 1).toList();
    }

    /** Rows flushed per second over the samples (samples come about a second apart, not exactly). */
    static double flushRate(List<Sample> s) {
        return s.size() < 2 ? 0 : (s.get(s.size() - 1).rows - s.get(0).rows) / (s.get(s.size() - 1).t - s.get(0).t);
    }

    static boolean sustained(Step step, List<Sample> samples) {
        return step.unexplained() == 0 && step.n("s503") == 0 && step.n("late") <= MAX_LATE * step.n("started")
            && secondHalf(step, samples).stream().allMatch(s -> s.oldestS <= MAX_AGE_S);
    }

    static String table(List<Step> steps, List<Sample> samples, double drainS) {
        StringBuilder md = new StringBuilder("| offered orders/s | placed orders/s | shoppers late (> 1 s) | 2xx "
            + "| 409 (no stock) | 400 | 404 | 503 | other 5xx | other | socket errors | p50 / p99 ms (every request) "
            + "| pending writes, max (2nd half) | oldest unflushed, max s (2nd half) | flush rows/s (2nd half) | sustained |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        int best = 0;
        boolean holding = true;
        List<String> unexplained = new ArrayList<>();
        for (Step s : steps) {
            List<Sample> half = secondHalf(s, samples);
            boolean ok = sustained(s, samples);
            holding &= ok;
            best = holding ? s.rate : best;
            if (s.unexplained() > 0) {
                unexplained.add(String.format(Locale.ROOT, "%,d orders/s: %,d answers", s.rate, s.unexplained()));
            }
            md.append(String.format(Locale.ROOT, "| %,d | %,.0f | %,d of %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d "
                    + "| %,d | %.1f / %.1f | %,d | %.1f | %,.0f | %s |%n",
                s.rate, s.n("orders") / s.seconds(), s.n("late"), s.n("started"), s.n("s2xx"), s.n("s409"), s.n("s400"),
                s.n("s404"), s.n("s503"), s.n("s5xx"), s.n("sother"), s.n("socket_errors"), s.f.num("p50_us") / 1000,
                s.f.num("p99_us") / 1000, half.stream().mapToLong(Sample::pending).max().orElse(0),
                half.stream().mapToDouble(Sample::oldestS).max().orElse(0),
                flushRate(half), ok ? "yes" : "**no**"));
        }
        if (!unexplained.isEmpty()) {
            md.append("\n<b><span style=\"color:#c00\">🔴 Unexplained errors</span></b> (400, 404, 5xx but 503, other, "
                + "socket errors): ").append(String.join("; ", unexplained)).append(".\n");
        }
        md.append(String.format(Locale.ROOT, "%nHighest sustained rate: **%,d orders/s** (every step up to it held: no 503, "
                + "no unexplained error, at most %.0f %% of shoppers over a second late, PostgreSQL at most %.0f s behind in the "
                + "step's second half). %s%n",
            best, MAX_LATE * 100, MAX_AGE_S, drainS < 0 ? "After the last step, writes were still pending 10 minutes later."
                : String.format(Locale.ROOT, "After the last step, everything was in PostgreSQL %.1f s later.", drainS)));
        return md.toString();
    }

    /** Pending writes (left axis), flush rows/s and the offered rate × 12 (right axis) over time. */
    static String chart(List<Step> steps, List<Sample> s) {
        int w = 900, h = 320, left = 70, right = 80, top = 30, bottom = 40;
        double t0 = s.isEmpty() ? 0 : s.get(0).t;
        double tMax = Math.max(1, s.isEmpty() ? 1 : s.get(s.size() - 1).t - t0);
        double pMax = Math.max(1, s.stream().mapToLong(Sample::pending).max().orElse(1));
        double fMax = Math.max(1, s.stream().mapToDouble(x -> Math.max(x.flushRowsPerS, x.rate * 12.0)).max().orElse(1));
        double pw = w - left - right, ph = h - top - bottom;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"%d\" y=\"18\">Sustained writes: pending writes (blue, left axis); flush rows/s (orange) and "
                + "offered orders/s × 12 (grey), right axis</text>%n", w, h, left));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>%n",
            left, top + ph, left + pw, top + ph));
        for (Step st : steps) {
            double x = left + (st.start - t0) / tMax * pw;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#ddd\"/>"
                + "<text x=\"%.0f\" y=\"%d\" fill=\"#666\">%d/s</text>%n", x, top, x, top + ph, x + 2, h - 24, st.rate));
        }
        svg.append(line(s, t0, tMax, left, top, pw, ph, x -> x.pending / pMax, "#1f77b4"));
        svg.append(line(s, t0, tMax, left, top, pw, ph, x -> x.flushRowsPerS / fMax, "#ff7f0e"));
        svg.append(line(s, t0, tMax, left, top, pw, ph, x -> x.rate * 12.0 / fMax, "#999999"));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%,.0f</text><text x=\"4\" y=\"%.0f\">0</text>%n",
            top + 10, pMax, top + ph));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\">%,.0f/s</text>%n", left + pw + 4, top + 10, fMax));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\">%.0f s</text>%n", left + pw - 30, h - 8, tMax));
        return svg.append("</svg>\n").toString();
    }

    static String line(List<Sample> s, double t0, double tMax, int left, int top, double pw, double ph,
                       ToDoubleFunction<Sample> y, String colour) {
        StringBuilder p = new StringBuilder("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"");
        for (Sample x : s) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (x.t - t0) / tMax * pw,
                top + ph - Math.min(1, y.applyAsDouble(x)) * ph));
        }
        return p.append("\"/>\n").toString();
    }
}
