package gridshop.persistence.platform;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a PostgreSQL failure that will pass (the server is down, restarting, overloaded, a lock or statement
 * timed out, a serialization conflict) from one that will not (the row itself breaks a constraint, an
 * encoding, a trigger). A transient failure keeps the writes for a later round; a permanent one isolates the
 * row that causes it.
 */
public final class SqlErrors {
    /** SQLSTATE classes of failures that retrying later can cure. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of(
        "08", // connection exception
        "40", // transaction rollback: serialization failure, deadlock
        "53", // insufficient resources: disk full, out of memory, too many connections
        "55", // object not in prerequisite state: lock not available
        "57", // operator intervention: query cancelled (statement timeout), admin shutdown, cannot connect now
        "58", // system error: I/O
        "XX"); // internal error

    private SqlErrors() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException e) {
                String state = state(e);
                return state == null || TRANSIENT_CLASSES.contains(state.substring(0, 2));
            }
        }
        // Not from PostgreSQL at all (the grid could not be read, a bug in binding a row): the row's own fault.
        return false;
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

    /** What PostgreSQL said, for a log line or a dead letter: the SQLSTATE and the innermost message. */
    public static String describe(Throwable failure) {
        Throwable inner = failure;
        if (failure instanceof SQLException e && e.getNextException() != null) {
            inner = e.getNextException();
        }
        String state = failure instanceof SQLException e ? state(e) : null;
        String text = (state == null ? "" : "SQLSTATE " + state + ": ") + inner.getMessage();
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
