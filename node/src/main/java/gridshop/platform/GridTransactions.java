package gridshop.platform;

import jakarta.inject.Singleton;
import gridshop.grid.platform.WriteJournal;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

/**
 * Runs business writes in a pessimistic, repeatable-read grid transaction: a read inside locks the key until
 * commit, so read-modify-write of one cart cannot interleave with another. The work writes its entities
 * through the journal's {@link WriteJournal.Writes}; entities and journal entry commit together, on primary
 * and backup, before the caller answers.
 */
@GridMode
@Singleton
public final class GridTransactions {
    private final Ignite ignite;
    private final GridStatus status;
    private final WriteJournal journal;

    GridTransactions(Ignite ignite, GridStatus status, WriteJournal journal) {
        this.ignite = ignite;
        this.status = status;
        this.journal = journal;
    }

    public <T> T write(Function<WriteJournal.Writes, T> work) {
        status.admitWrite();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
            TransactionIsolation.REPEATABLE_READ)) {
            WriteJournal.Writes writes = journal.writes();
            T result = work.apply(writes);
            writes.record();
            // Again before the commit: a lock the work waited for may have been granted only once a split was seen
            // (a primary or backup across the cut answers no more; the grid drops it once the failure is detected),
            // and a transaction admitted before the split must not then commit on what is, or may soon be found to
            // be, a minority (the hold after a failure in GridStatus#admitWrite).
            status.admitWrite();
            tx.commit();
            return result;
        }
    }
}
