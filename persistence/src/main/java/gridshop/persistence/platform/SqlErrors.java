package gridshop.persistence.platform;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a PostgreSQL failure caused by the row being written from one caused by the database. Only a refusal
 * that is about the row's own values (a constraint, a data exception, a trigger) may turn that row into a dead
 * letter; anything else PostgreSQL says is about the database and is an outage: the journal keeps the writes,
 * back-pressure applies, and the round is retried until PostgreSQL takes them. Getting this wrong the other way
 * round loses acknowledged writes: a read-only database after a fail-over (25006), a revoked privilege (42501)
 * or a renamed table (42P01) refuses every row, and parking them all would clear the journal behind them.
 */
public final class SqlErrors {
    /**
     * SQLSTATE classes that name the row: writing the same row again will fail again, writing the others works.
     * 21 is here because a batch naming one key twice ("ON CONFLICT … cannot affect row a second time") is cured
     * by splitting it; 38, 39 and 2F are routine (trigger) failures, like P0 for PL/pgSQL. Every other class
     * (08 connection, 25 read-only, 28 authentication, 3D catalog, 42 privileges and undefined objects, 40, 53,
     * 55, 57, 58, XX …) is the database's.
     */
    private static final Set<String> ROW_CLASSES = Set.of(
        "21", // cardinality violation
        "22", // data exception: NUL in text, numeric overflow, value too long
        "23", // integrity constraint violation: unique, foreign key, check, not null
        "27", // triggered data change violation
        "2F", // SQL routine exception
        "38", // external routine exception
        "39", // external routine invocation exception
        "44", // WITH CHECK OPTION violation
        "54", // program limit exceeded: index row too big
        "P0"); // PL/pgSQL: RAISE EXCEPTION in a trigger

    /** Classes of failures that mean PostgreSQL cannot be reached or is busy (start-up waits for these). */
    private static final Set<String> UNREACHABLE_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");

    private SqlErrors() {
    }

    /**
     * True when the failure is the row's own fault: PostgreSQL refused it with a row-level SQLSTATE, or it never
     * reached PostgreSQL (binding the row failed: a bug the row exposes, not an outage).
     */
    public static boolean isRowFault(Throwable failure) {
        SQLException e = sqlCause(failure);
        if (e == null) {
            return true;
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return false;
        }
        String state = state(e);
        return state != null && state.length() >= 2 && ROW_CLASSES.contains(state.substring(0, 2));
    }

    /** True when PostgreSQL (or the way to it) failed, not the row: keep the writes and retry later. */
    public static boolean isOutage(Throwable failure) {
        return !isRowFault(failure);
    }

    /**
     * The narrower rule start-up uses (migrating, reading the database's identity): true only while PostgreSQL
     * cannot be reached or is busy, so that a node waits for it; any other failure there (a migration PostgreSQL
     * refuses) fails the start, where an operator sees it, instead of waiting forever.
     */
    public static boolean isTransient(Throwable failure) {
        SQLException e = sqlCause(failure);
        if (e == null) {
            return false;
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = state(e);
        return state == null || UNREACHABLE_CLASSES.contains(state.substring(0, 2));
    }

    /** The outermost cause that is PostgreSQL's (or its driver's) word on the failure; null if none is. */
    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    /** What PostgreSQL said, for a log line or a dead letter: the SQLSTATE and the innermost message. */
    public static String describe(Throwable failure) {
        SQLException sql = sqlException(failure);
        Throwable inner = sql == null ? failure : sql.getNextException() != null ? sql.getNextException() : sql;
        String state = sql == null ? null : state(sql);
        String text = (state == null ? "" : "SQLSTATE " + state + ": ") + inner.getMessage();
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }

    /** The SQLSTATE of the failure (null if it has none or is not from PostgreSQL), for log lines. */
    public static String state(Throwable failure) {
        SQLException sql = sqlException(failure);
        return sql == null ? null : state(sql);
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    /** The SQLSTATE of the failure, looking behind a batch's wrapper at the statement that failed. */
    static String state(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null && !s.getSQLState().isEmpty()) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
