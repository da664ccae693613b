package gridshop.platform;

import jakarta.inject.Singleton;
import gridshop.grid.platform.WriteJournal;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs business writes in a pessimistic, repeatable-read grid transaction: a read inside locks the key until
 * commit, so read-modify-write of one cart cannot interleave with another. The work writes its entities
 * through the journal's {@link WriteJournal.Writes}; entities and journal entry commit together, on primary
 * and backup, before the caller answers.
 */
@GridMode
@Singleton
public final class GridTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(GridTransactions.class);
    private final Ignite ignite;
    private final GridStatus status;
    private final WriteJournal journal;

    GridTransactions(Ignite ignite, GridStatus status, WriteJournal journal) {
        this.ignite = ignite;
        this.status = status;
        this.journal = journal;
        journal.held().bind(status::writesHeld, () -> !status.minorityWarning().isPresent());
    }

    /** A server node in the topology of {@code version} has gone since (checked only once the version moved). */
    private boolean departedSince(long version) {
        return ignite.cluster().topologyVersion() != version && status.departedSince(version);
    }

    public <T> T write(Function<WriteJournal.Writes, T> work) {
        status.admitWrite();
        // Writes held back after a failure go on as soon as writes are admitted again: a retry answered from one
        // (a checkout's Idempotency-Key) must find it released, not dropped by a later failure.
        journal.held().holding();
        long topology = ignite.cluster().topologyVersion();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
            TransactionIsolation.REPEATABLE_READ)) {
            WriteJournal.Writes writes = journal.writes();
            try {
                T result = work.apply(writes);
                writes.record();
                // Again before the commit: a lock the work waited for may have been granted only once a split was
                // seen (a primary or backup across the cut answers no more; the grid drops it once the failure is
                // detected), and a transaction admitted before the split must not then commit on what is, or may
                // soon be found to be, a minority (the hold after a failure in GridStatus#admitWrite).
                status.admitWrite();
                try {
                    tx.commit();
                } catch (RuntimeException e) {
                    if (departedSince(topology)) {
                        // part of it may have committed here all the same (a partition whose primary stayed)
                        LOG.warn("A commit that failed as a server node went is held back where it may have committed "
                            + "[journalEntriesAndEvents={}, error={}]", writes.holdBack(), e.toString());
                    }
                    throw e;
                }
                if (departedSince(topology)) {
                    // A server node went while this transaction ran: a backup it sent its commit to may have been
                    // across a cut, and Ignite finished the commit here alone once it saw that node fail (seed
                    // 3941185121755190297: a session committed on a cut-off node before it saw the cut). Not
                    // acknowledged, and held back from PostgreSQL, Kafka and the spill until this side is known to write.
                    int held = writes.holdBack();
                    LOG.warn("A write committed while a server node failed is held back, not acknowledged [journalEntries"
                        + "AndEvents={}, topologyBefore={}, topologyNow={}]", held, topology, ignite.cluster().topologyVersion());
                    throw ApiException.unavailable("The write may have been stored on this side of a failure alone: it "
                        + "is held back until the cluster has settled; retry it (a checkout with the same "
                        + "Idempotency-Key returns its order if it stands)", status.holdSeconds());
                }
                return result;
            } finally {
                writes.done();
            }
        }
    }
}
