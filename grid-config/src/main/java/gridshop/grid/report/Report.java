package gridshop.grid.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One report: what was asked, which node computes it, and its result once there. Immutable; each change is a copy. */
public final class Report implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private String id;
    private String type;
    private Long fromMs;
    private Long toMs;
    private String status;
    private UUID owner;
    private int attempts;
    private ArrayList<String> columns;
    private ArrayList<ArrayList<Object>> rows;
    private String error;
    private long createdAt;
    private Long finishedAt;

    public Report() {
    }

    public static Report pending(String id, String type, Long fromMs, Long toMs, UUID owner, long now) {
        Report r = new Report();
        r.id = id;
        r.type = type;
        r.fromMs = fromMs;
        r.toMs = toMs;
        r.status = PENDING;
        r.owner = owner;
        r.createdAt = now;
        return r;
    }

    private Report copy() {
        Report r = new Report();
        r.id = id;
        r.type = type;
        r.fromMs = fromMs;
        r.toMs = toMs;
        r.status = status;
        r.owner = owner;
        r.attempts = attempts;
        r.columns = columns;
        r.rows = rows;
        r.error = error;
        r.createdAt = createdAt;
        r.finishedAt = finishedAt;
        return r;
    }

    /** Taken up by {@code node} (the first time, or again after the node computing it left). */
    public Report running(UUID node) {
        Report r = copy();
        r.status = RUNNING;
        r.owner = node;
        r.attempts = attempts + 1;
        return r;
    }

    public Report done(List<String> cols, List<List<Object>> result, long now) {
        Report r = copy();
        r.status = DONE;
        r.columns = new ArrayList<>(cols);
        r.rows = new ArrayList<>();
        result.forEach(row -> r.rows.add(new ArrayList<>(row)));
        r.finishedAt = now;
        return r;
    }

    public Report failed(String why, long now) {
        Report r = copy();
        r.status = FAILED;
        r.error = why;
        r.finishedAt = now;
        return r;
    }

    public boolean finished() {
        return DONE.equals(status) || FAILED.equals(status);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Long fromMs() {
        return fromMs;
    }

    public Long toMs() {
        return toMs;
    }

    public String status() {
        return status;
    }

    public UUID owner() {
        return owner;
    }

    public int attempts() {
        return attempts;
    }

    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    public List<? extends List<Object>> rows() {
        return rows == null ? List.of() : rows;
    }

    public String error() {
        return error;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long finishedAt() {
        return finishedAt;
    }
}
