package gridshop.report;

import gridshop.api.report.ReportRequest;
import gridshop.api.report.ReportResponse;
import gridshop.events.EventOutbox;
import gridshop.grid.report.Report;
import gridshop.grid.report.ReportCache;
import gridshop.platform.ApiException;
import gridshop.platform.GridMode;
import gridshop.platform.PathIds;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.cache.Cache;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.FieldsQueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async analyst reports. A report is stored (PENDING, owned by this node) and answered at once; one worker
 * thread per node computes this node's reports in turn, off the HTTP threads, and stores the result with
 * the report, which any node then answers. When a node leaves or fails, the others take over its
 * unfinished reports (the first to lock each one computes it again; {@code attempts} counts the runs); a node
 * that starts looks for such reports too. Eager ({@code @Context}): every node listens from its start. A report
 * fails only when its query does (the reason is in {@code error}).
 */
@GridMode
@Context
public final class ReportService {
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
    private static final int TAKE_OVER_TRIES = 60;

    private final Ignite ignite;
    private final IgniteCache<String, Report> reports;
    private final EventOutbox events;
    private final ScheduledExecutorService worker;
    private final MeterRegistry meters;
    private final IgnitePredicate<DiscoveryEvent> onLeft;

    ReportService(Ignite ignite, EventOutbox events, MeterRegistry meters,
                  ReportProperties props) {
        this.ignite = ignite;
        this.reports = ignite.<String, Report>cache(ReportCache.NAME)
            .withExpiryPolicy(new ModifiedExpiryPolicy(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS,
                props.keep().toMillis())));
        this.events = events;
        this.meters = meters;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gridshop-reports");
            t.setDaemon(true);
            return t;
        });
        this.onLeft = e -> {
            worker.execute(() -> takeOver(1));
            return true;
        };
        ignite.events().localListen(onLeft, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        // A node that left before this one joined left its reports too.
        worker.execute(() -> takeOver(1));
    }

    ReportResponse create(ReportRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a body {\"type\", \"from\", \"to\"} is required");
        }
        ReportType type = ReportType.of(request.type());
        Instant now = Instant.now();
        Instant from = instant("from", request.from(), Instant.EPOCH);
        Instant to = instant("to", request.to(), type.defaultTo(now));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from must be before to [from=" + from + ", to=" + to + "]");
        }
        Report r = Report.pending(UUID.randomUUID().toString(), type.id(), from.toEpochMilli(), to.toEpochMilli(),
            ignite.cluster().localNode().id(), now.toEpochMilli());
        reports.put(r.id(), r);
        worker.execute(() -> compute(r.id(), current -> current.owner().equals(localId()) && !current.finished()));
        return response(r);
    }

    ReportResponse get(String id) {
        Report r = reports.get(id);
        if (r == null) {
            throw ApiException.notFound("no report " + PathIds.shorten(id) + " (unknown, or older than gridshop.reports.keep)");
        }
        return response(r);
    }

    /**
     * Reports left unfinished by nodes that are gone: each goes to the first node that locks it. Right after a
     * node fails the scan may still be mapped to it; it is tried again each second until the cluster has
     * settled (up to {@value #TAKE_OVER_TRIES} times).
     */
    private void takeOver(int attempt) {
        List<Report> orphans = new ArrayList<>();
        try (var cursor = reports.query(new ScanQuery<String, Report>())) {
            for (Cache.Entry<String, Report> e : cursor) {
                if (orphaned(e.getValue())) {
                    orphans.add(e.getValue());
                }
            }
        } catch (RuntimeException e) {
            if (attempt < TAKE_OVER_TRIES) {
                LOG.info("Looking for the reports of nodes that left: trying again in a second [attempt={}, cause={}]",
                    attempt, e.getMessage());
                worker.schedule(() -> takeOver(attempt + 1), 1, TimeUnit.SECONDS);
            } else {
                LOG.error("Could not look for the reports of nodes that left; they stay unfinished", e);
            }
            return;
        }
        for (Report r : orphans) {
            LOG.info("Taking over a report whose node left [report={}, type={}, node={}]", r.id(), r.type(), r.owner());
            compute(r.id(), this::orphaned);
        }
    }

    private boolean orphaned(Report r) {
        return !r.finished() && ignite.cluster().node(r.owner()) == null;
    }

    /** Claims the report if {@code mine} holds (under its lock), computes it, and stores the outcome. */
    private void compute(String id, java.util.function.Predicate<Report> mine) {
        Report claimed = update(id, r -> mine.test(r) ? r.running(localId()) : null);
        if (claimed == null) {
            return;
        }
        long t0 = System.nanoTime();
        Report outcome;
        try {
            outcome = query(claimed);
        } catch (RuntimeException e) {
            LOG.warn("Report failed [report={}, type={}]", id, claimed.type(), e);
            outcome = claimed.failed(firstLine(e), System.currentTimeMillis());
        }
        Report result = outcome;
        Report stored = update(id, r -> r.owner().equals(localId()) && !r.finished() ? result : null);
        if (stored != null) {
            meters.timer("gridshop.reports", "type", stored.type(), "status", stored.status())
                .record(Duration.ofNanos(System.nanoTime() - t0));
            LOG.info("Report {} [report={}, type={}, rows={}, ms={}, attempt={}]", stored.status(), id, stored.type(),
                stored.rows().size(), (System.nanoTime() - t0) / 1_000_000, stored.attempts());
        }
    }

    private Report query(Report r) {
        ReportType type = ReportType.of(r.type());
        SqlFieldsQuery q = new SqlFieldsQuery(type.sql()).setSchema("PUBLIC")
            .setArgs(new Timestamp(r.fromMs()), new Timestamp(r.toMs()));
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (FieldsQueryCursor<List<?>> cursor = reports.query(q)) {
            for (List<?> row : cursor) {
                List<Object> out = new ArrayList<>(row.size());
                row.forEach(v -> out.add(json(v)));
                rows.add(out);
            }
            for (int i = 0; i < cursor.getColumnsCount(); i++) {
                columns.add(cursor.getFieldName(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return r.done(columns, rows, System.currentTimeMillis());
    }

    /** A value as the JSON answer gives it: numbers stay numbers, times become ISO-8601 text. */
    private static Object json(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof BigDecimal
            || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        return v instanceof Number n ? new BigDecimal(n.toString()) : v.toString();
    }

    /** Reads and writes one report under its lock; {@code change} returns null to leave it as it is. */
    private Report update(String id, UnaryOperator<Report> change) {
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
            TransactionIsolation.REPEATABLE_READ)) {
            Report current = reports.get(id);
            Report next = current == null ? null : change.apply(current);
            if (next == null) {
                return null;
            }
            reports.put(id, next);
            if (next.finished()) {
                events.reportCompleted(next.id(), next.type(), next.status());
            }
            tx.commit();
            return next;
        } catch (RuntimeException e) {
            LOG.error("Could not store a report's state [report={}]", id, e);
            return null;
        }
    }

    private UUID localId() {
        return ignite.cluster().localNode().id();
    }

    private static Instant instant(String field, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z [" + field
                + "=" + PathIds.shorten(value) + "]");
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    static ReportResponse response(Report r) {
        return new ReportResponse(r.id(), r.type(), r.status(), r.columns(), new ArrayList<>(r.rows()), r.error(),
            Instant.ofEpochMilli(r.createdAt()), r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()),
            r.fromMs() == null ? null : Instant.ofEpochMilli(r.fromMs()),
            r.toMs() == null ? null : Instant.ofEpochMilli(r.toMs()), r.attempts());
    }

    @PreDestroy
    void close() {
        ignite.events().stopLocalListen(onLeft);
        worker.shutdownNow();
    }
}
