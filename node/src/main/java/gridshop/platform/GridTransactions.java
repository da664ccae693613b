package gridshop.platform;

import jakarta.inject.Singleton;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

/**
 * Runs business writes in a pessimistic, repeatable-read grid transaction: a read inside locks the key until
 * commit, so read-modify-write of one cart cannot interleave with another. The entity and its write-journal
 * marker commit together, on primary and backup, before the caller answers.
 */
@GridMode
@Singleton
public final class GridTransactions {
    private final Ignite ignite;
    private final GridStatus status;

    GridTransactions(Ignite ignite, GridStatus status) {
        this.ignite = ignite;
        this.status = status;
    }

    public <T> T write(Supplier<T> work) {
        status.admitWrite();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
            TransactionIsolation.REPEATABLE_READ)) {
            T result = work.get();
            tx.commit();
            return result;
        }
    }
}
