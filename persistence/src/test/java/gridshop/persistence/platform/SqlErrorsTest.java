package gridshop.persistence.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Only a refusal about the row's own values makes a dead letter; whatever is about the database (read-only
 * after a fail-over, privileges, a missing table, authentication, a missing database, the connection) is an
 * outage that keeps the journal.
 */
class SqlErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"25006", "42501", "42P01", "42703", "28000", "28P01", "3D000", "08006", "08001", "40001",
        "53100", "55P03", "57P01", "57014", "58030", "XX000", "0A000", "25P02"})
    void aDatabaseLevelRefusalIsAnOutage(String state) {
        assertTrue(SqlErrors.isOutage(refusal(state)), state);
        assertTrue(SqlErrors.isOutage(batchFailedWith(state)), "behind a batch's wrapper: " + state);
        assertTrue(SqlErrors.isOutage(new RuntimeException(new SQLException("refused", state))), "wrapped: " + state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22021", "22003", "22001", "23505", "23503", "23514", "23502", "21000", "27000", "2F005",
        "38001", "39P01", "44000", "54000", "P0001", "P0004"})
    void aRowLevelRefusalIsTheRowsFault(String state) {
        assertTrue(SqlErrors.isRowFault(refusal(state)), state);
        assertTrue(SqlErrors.isRowFault(batchFailedWith(state)), "behind a batch's wrapper: " + state);
    }

    @Test
    void noStateOrATransientDriverExceptionIsAnOutage() {
        assertTrue(SqlErrors.isOutage(new SQLException("no state")));
        assertTrue(SqlErrors.isOutage(new SQLTransientConnectionException("pool timed out", "23505")));
    }

    @Test
    void aFailureBindingTheRowThatNeverReachedPostgresIsTheRowsFault() {
        assertTrue(SqlErrors.isRowFault(new IllegalArgumentException("cannot bind the value")));
        assertFalse(SqlErrors.isOutage(new ClassCastException("not a Stock")));
    }

    @Test
    void startUpStillFailsOnWhatIsNotUnreachability() {
        assertTrue(SqlErrors.isTransient(new PSQLException("down", PSQLState.CONNECTION_FAILURE)));
        assertFalse(SqlErrors.isTransient(new PSQLException("syntax", PSQLState.SYNTAX_ERROR)));
    }

    /** What the driver throws when PostgreSQL answers with an error of this SQLSTATE. */
    private static PSQLException refusal(String state) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0Mrefused by the test\0"));
    }

    private static SQLException batchFailedWith(String state) {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0], null);
        batch.setNextException(refusal(state));
        return batch;
    }
}
