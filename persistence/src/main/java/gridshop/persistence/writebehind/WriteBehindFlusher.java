package gridshop.persistence.writebehind;

import gridshop.grid.deadletter.DeadLetter;
import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.HeldWrites;
import gridshop.grid.platform.JournalKey;
import gridshop.grid.platform.PartitionLossTotal;
import gridshop.grid.platform.WriteJournal;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.grid.security.DatabaseCheck;
import gridshop.persistence.deadletter.DeadLetters;
import gridshop.persistence.platform.DatabaseIdentity;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.PartitionLossLedger;
import gridshop.persistence.platform.Row;
import gridshop.persistence.platform.ClusterLease;
import gridshop.persistence.platform.RowWriter;
import gridshop.persistence.platform.SqlErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.sql.DataSource;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the write journal of the partitions this node is primary for into PostgreSQL. One round: read up to
 * {@code batchSize} journal entries (one per business transaction), read the current values of the entities
 * they name from the grid (an entity written by several of them is read and written once), upsert them in
 * one PostgreSQL transaction, then clear the entries. A transaction that commits after the values were read
 * has an entry of its own, left for the next round. When a node dies, its backups become primaries and their
 * flushers find the entries: at worst a row is written twice, and the version guard in the upsert makes that
 * harmless.
 * <p>
 * A row PostgreSQL refuses for good (a row-level SQLSTATE) is isolated and parked as a dead letter, so it never
 * holds back the rest; while PostgreSQL is down, stuck or refusing every write (read-only after a fail-over,
 * privileges, a missing table), the entries stay and the round is retried with a growing pause. A stop
 * drains within {@code drainTimeout} and spills what is left to local files (see {@link Spill}).
 */
public final class WriteBehindFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindFlusher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A loop whose last beat is older than this has stopped or hangs: liveness says so. */
    private static final Duration STALLED = Duration.ofMinutes(2);

    /**
     * How the flusher runs; {@code spillDir} holds what a stop could not flush until the next start, with the local
     * entries of {@code spilledCaches} (caches without a table that must outlive a stop: the outbox).
     */
    public record Settings(Duration interval, int batchSize, Duration drainTimeout, Path spillDir,
                           List<String> spilledCaches) {
    }

    private final Ignite ignite;
    private final DataSource dataSource;
    private final JournalRows journalRows;
    private final IgniteCache<JournalKey, JournalEntry> journal;
    private final HeldWrites held;
    private final org.apache.ignite.cache.affinity.Affinity<JournalKey> journalAffinity;
    private final JournalClear clear;
    private final RowWriter writer;
    private final DeadLetters deadLetters;
    private final Spills spills;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    // Its own thread: a flush stuck on PostgreSQL must not freeze the count that back-pressure relies on.
    private final ScheduledExecutorService sampler;
    private volatile long clusterPending;
    private volatile long lastBeat = System.nanoTime();
    private volatile boolean running;
    private volatile boolean disowned;
    private volatile String checkedDatabase;
    private Duration backoff;
    /**
     * One flush at a time. A lock rather than a monitor so that a stop's drain can give up waiting: a round stuck on a
     * PostgreSQL that stopped answering (paused, its disk stalled) would otherwise hold the drain, and with it the
     * spill, until the node was killed, losing the writes it alone held.
     */
    private final java.util.concurrent.locks.ReentrantLock flushing = new java.util.concurrent.locks.ReentrantLock();
    /** What PostgreSQL said when this node's last round failed; null once a round succeeds. */
    private volatile String outage;
    private volatile FlushListener listener = FlushListener.NONE;

    /** Told of every flushed batch and every failed round (metrics); called on the flusher's thread. */
    public interface FlushListener {
        FlushListener NONE = new FlushListener() { };

        /** A batch of journal entries reached PostgreSQL as {@code rows} rows, {@code refused} of them parked. */
        default void flushed(int entries, int rows, int refused, long nanos) { }

        /** A round failed (PostgreSQL unreachable or refusing writes): its entries stay for the next one. */
        default void failed(Throwable error) { }
    }

    public void listen(FlushListener listener) {
        this.listener = listener;
    }

    /** {@code journal} is the node's one write journal (its entry keys are unique per journal, not per node). */
    public WriteBehindFlusher(Ignite ignite, DataSource dataSource, List<DurableTable<?, ?>> tables, WriteJournal journal,
                              Settings settings) {
        this.ignite = ignite;
        this.dataSource = dataSource;
        this.journalRows = new JournalRows(ignite, tables);
        this.journal = ignite.cache(WriteJournalCache.NAME);
        this.journalAffinity = ignite.affinity(WriteJournalCache.NAME);
        this.clear = new JournalClear(ignite, this.journal);
        this.writer = new RowWriter(dataSource);
        this.deadLetters = new DeadLetters(ignite);
        this.spills = new Spills(ignite, journal, journalRows, writer, settings.spillDir(), settings.spilledCaches());
        this.held = journal.held();
        this.settings = settings;
        this.backoff = settings.interval();
        this.scheduler = daemon("gridshop-flusher");
        this.sampler = daemon("gridshop-pending-sampler");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        running = true;
        lastBeat = System.nanoTime();
        scheduler.schedule(this::round, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Reads the files a previous stop of this node spilled, refusing files of another database, and writes their
     * entities into PostgreSQL if {@code intoPostgres} (the cluster is not loaded yet, so its load reads them). The
     * files stay until {@link #applySpilled()}. Throws while PostgreSQL cannot be reached: the files stay.
     */
    public int replaySpilled(boolean intoPostgres) throws IOException, SQLException {
        if (spills.nonePending()) {
            return 0;
        }
        int rows = spills.replay(DatabaseIdentity.read(dataSource), intoPostgres);
        PartitionLossTotal loss = spills.loss();
        spills.lossInPostgres(loss.isNone());
        if (!loss.isNone()) {
            // the count of a cluster that stopped while PostgreSQL could not take it; the grid gets it too when the
            // files go in (applySpilled), and keeps retrying it into PostgreSQL, so a refusal here does not stop the start
            try {
                if (PartitionLossLedger.read(dataSource).orElse(PartitionLossTotal.NONE).behind(loss)) {
                    PartitionLossLedger.record(dataSource, loss);
                    LOG.warn("A spill carried a count of partition losses; kept in PostgreSQL [partitions={}, "
                        + "unflushedWritesLost={}]", loss.partitions(), loss.writesLost());
                }
                spills.lossInPostgres(true);
            } catch (SQLException e) {
                LOG.warn("A spill carried a count of partition losses that PostgreSQL does not take now; the grid keeps "
                    + "it and retries [partitions={}, unflushedWritesLost={}, error={}]", loss.partitions(),
                    loss.writesLost(), e.toString());
            }
        }
        return rows;
    }

    /**
     * Puts the files {@link #replaySpilled} read into the grid (newer version wins, through the journal), once the
     * grid is loaded or joined, and only then deletes them: a crash in between keeps a file for the next start.
     */
    public int applySpilled() throws IOException {
        return spills.apply(database());
    }

    /** The spill owners the files {@link #replaySpilled} read name as their clusters' members when they were written. */
    public Set<String> spilledMembers() {
        return spills.members();
    }

    /** Spilled entities {@link #applySpilled} found the grid holding at a newer version. */
    public int spilledSuperseded() {
        return spills.superseded();
    }

    /**
     * A count of partition losses this node made (or raised) and PostgreSQL has not taken yet: kept on this node's
     * disk at once, as a spill would carry it, so that it outlives this node too. Never throws.
     */
    public void noteLoss(PartitionLossTotal loss) {
        spills.note(database(), loss);
    }

    /**
     * What this node notes on its disk each second that it holds unflushed, and what earlier processes of it left there
     * ({@link UnflushedNotes}).
     */
    public UnflushedNotes unflushedNotes() {
        return spills.notes();
    }

    /** Notes on this node's disk what it holds unflushed now, for this node's database ({@link UnflushedNotes#note}). */
    public void noteUnflushed(String epoch, long writes, Set<Integer> partitions, Set<String> departed) throws IOException {
        spills.notes().note(database(), epoch, ignite.cluster().localNode().id().toString(), writes, partitions, departed);
    }

    /** The identity of the database this node's cluster writes to, or null while it is not known. */
    public String databaseIdentity() {
        return database();
    }

    /** PostgreSQL has taken the count this node noted ({@link #noteLoss}): the note goes. Never throws. */
    public void lossKept() {
        spills.forgetNote();
    }

    /** This node's database is now known to be the cluster's (it joined before it could read its identity). */
    public void checked(String databaseIdentity) {
        this.checkedDatabase = databaseIdentity;
    }

    /** Journal entries and events held back after a failure ({@link HeldWrites}). */
    public int heldBack() {
        return held.size();
    }

    /** The identity of the database this node writes into: its own, the one it checked later, or the cluster's. */
    private String database() {
        try {
            return DatabaseCheck.of(ignite.cluster().localNode())
                .or(() -> Optional.ofNullable(checkedDatabase))
                .or(() -> ignite.cluster().forServers().nodes().stream().map(DatabaseCheck::of).flatMap(Optional::stream)
                    .findFirst())
                .orElse(null);
        } catch (RuntimeException e) { // a grid already stopping: what this node checked itself, if anything
            return checkedDatabase;
        }
    }

    private void round() {
        long delay = settings.interval().toMillis();
        try {
            int n;
            do {
                n = flushOnce();
            } while (n == settings.batchSize() && running);
            backoff = settings.interval();
            outage = null;
        } catch (Throwable e) {
            // Everything is caught: a loop that dies stops durability silently. The entries stay in the journal.
            listener.failed(e);
            outage = SqlErrors.describe(e);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            delay = backoff.toMillis();
            LOG.warn("Write-behind flush failed, journal entries kept, retry in {} ms [pendingLocal={}, sqlState={}, error={}]",
                delay, localPendingQuietly(), SqlErrors.state(e), outage);
        }
        lastBeat = System.nanoTime();
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::round, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One batch; returns how many journal entries it handled. Public so that tests and shutdown can drive it. */
    public int flushOnce() throws SQLException {
        flushing.lock();
        try {
            return flushLocked();
        } finally {
            flushing.unlock();
        }
    }

    private int flushLocked() throws SQLException {
        lastBeat = System.nanoTime();
        TreeMap<JournalKey, JournalEntry> batch = new TreeMap<>();
        boolean holding = held.holding();
        Set<Integer> lost = lostPartitions();
        for (Cache.Entry<JournalKey, JournalEntry> e : journal.localEntries(CachePeekMode.PRIMARY)) {
            if (!lost.isEmpty() && lost.contains(journalAffinity.partition(e.getKey()))) {
                continue; // what is left here of a lost partition waits for it to be whole or reloaded (and spills)
            }
            if (holding && (held.held(e.getKey()) || held.namesHeld(e.getValue()))) {
                continue; // held back (HeldWrites), or naming an entity whose value in the grid is a held-back write's
            }
            batch.put(e.getKey(), e.getValue());
            if (batch.size() >= settings.batchSize()) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        long t0 = System.nanoTime();
        List<Row> rows = journalRows.of(batch.values());
        List<RowWriter.Refused> refused = writer.write(rows);
        if (!refused.isEmpty()) {
            deadLetters.park(refused);
        }
        deadLetters.written(refused.isEmpty() ? rows : withoutRefused(rows, refused));
        // No business transaction ever touches a journal entry after its own commit, so an entry needs no
        // transaction to go: clearing it on primary and backup is enough, and costs a fraction of a transactional
        // removal. Should a copy survive (its node died mid-clear, or it was being rebalanced), it is flushed
        // once more: the version guard in the upsert makes that harmless.
        clear.clear(batch.navigableKeySet());
        listener.flushed(batch.size(), rows.size(), refused.size(), System.nanoTime() - t0);
        return batch.size();
    }

    /**
     * Partitions lost with both copies: their entities cannot be read (their keys throw), so a journal entry of one
     * left on this node would fail every batch it is in. They are left out until the partitions are whole again.
     */
    private Set<Integer> lostPartitions() {
        Set<Integer> lost = new java.util.TreeSet<>(journal.lostPartitions());
        for (String cache : journalRows.tables().keySet()) {
            lost.addAll(ignite.cache(cache).lostPartitions());
        }
        return lost;
    }

    private static List<Row> withoutRefused(List<Row> rows, List<RowWriter.Refused> refused) {
        List<Row> written = new ArrayList<>(rows);
        refused.forEach(r -> written.remove(r.row()));
        return written;
    }

    /** Writes one parked entity again; true if PostgreSQL took it (the letter is then gone). */
    public boolean retry(DeadLetter letter) throws SQLException {
        flushing.lock();
        try {
            return retryLocked(letter);
        } finally {
            flushing.unlock();
        }
    }

    private boolean retryLocked(DeadLetter letter) throws SQLException {
        Row row = journalRows.of(letter.cache(), letter.key());
        if (row == null) {
            LOG.warn("Dead letter names an entity that is no longer in the grid; removing it [id={}, cache={}, key={}]",
                letter.id(), letter.cache(), letter.key());
            deadLetters.settle(Set.of(letter.id()));
            return true;
        }
        List<RowWriter.Refused> refused = writer.write(List.of(row));
        if (refused.isEmpty()) {
            deadLetters.settle(Set.of(letter.id()));
            LOG.info("Dead letter retried and written [id={}, cache={}, key={}]", letter.id(), letter.cache(), letter.key());
            return true;
        }
        deadLetters.park(refused);
        return false;
    }

    private void sample() {
        try {
            clusterPending = journal.sizeLong(CachePeekMode.PRIMARY);
            deadLetters.sample();
        } catch (Throwable e) {
            LOG.debug("pending-writes sample failed", e);
        }
    }

    /**
     * Why PostgreSQL is not taking this node's writes (down, read-only, refusing privileges: the SQLSTATE and its
     * message), while its last flush round failed; empty once a round succeeds.
     */
    public Optional<String> outage() {
        return Optional.ofNullable(outage);
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** How many writes are parked as dead letters (what readiness and the console count). */
    public int deadLetterCount() {
        return deadLetters.count();
    }

    /** Journal entries (committed transactions) not yet in PostgreSQL on the partitions this node is primary for. */
    public long localPending() {
        return journal.localSizeLong(CachePeekMode.PRIMARY);
    }

    private Object localPendingQuietly() {
        try {
            return localPending();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** Journal entries not yet in PostgreSQL in the whole cluster, sampled every second. */
    public long clusterPending() {
        return clusterPending;
    }

    /** False once started if its loop has not beaten for a while (a round that hangs, a thread that died). */
    public boolean alive() {
        return !running || System.nanoTime() - lastBeat < STALLED.toNanos();
    }

    /**
     * The cluster lease's epoch of this node's cluster: from now on every flush transaction checks that the cluster
     * still holds the database (a cluster whose lease another took writes nothing more; its journal stays).
     */
    public void leaseEpoch(String epoch) {
        writer.leaseEpoch(epoch);
    }

    /**
     * This node's database turned out not to be the cluster's: nothing may be written there, not even by the
     * final drain. The journal entries it holds have their other copy on the nodes that stay.
     */
    public void disown() {
        disowned = true;
    }

    /**
     * Stops the rounds, then drains what this node is primary for within {@code drainTimeout}. What is still
     * unflushed then (PostgreSQL down) is spilled to a synced local file, together with the journal this node
     * holds as a backup, the outbox entries Kafka has not taken and the dead letters: the next start puts them
     * back (see {@link Spill}).
     */
    @Override
    public void close() {
        // One deadline for the round in flight and the drain: a round stuck on PostgreSQL (down, or hung) no longer
        // adds 5 s of its own before the drain's time starts, so a stop with PostgreSQL down takes the drain time.
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        running = false;
        sampler.shutdownNow();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (disowned) {
            LOG.warn("No final flush: this node's database is not the cluster's; the journal stays with the other nodes");
            spills.nothingHeldHere();
            return;
        }
        boolean unflushed = !drained(deadline);
        spills.atStop(unflushed, database(), this::keepLoss);
        if (!unflushed) {
            releaseLeaseIfLast();
        }
    }

    /**
     * Keeps the cluster's count of partition losses in PostgreSQL at a stop (each figure the larger of the two): the
     * oldest node keeps it while it runs, but retries only every 30 s while PostgreSQL refuses it, and a stop may come
     * first. False if PostgreSQL refused it (the spill then carries it).
     */
    private boolean keepLoss(PartitionLossTotal loss) {
        try {
            PartitionLossLedger.record(dataSource, loss);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The partition-loss count could not be kept in PostgreSQL at this stop; the spill carries it "
                + "[loss={}, error={}]", loss, e.toString());
            return false;
        }
    }

    /**
     * The last node of the cluster, everything flushed: the cluster lease is released, so the next start loads at
     * once instead of watching it (a stop that spilled leaves it, and the next start watches it as after a crash).
     */
    private void releaseLeaseIfLast() {
        String epoch = writer.leaseEpoch();
        try {
            if (epoch != null && ignite.cluster().forServers().nodes().size() == 1) {
                new ClusterLease(dataSource).release(epoch);
                LOG.info("Cluster lease released: the last node stopped with everything flushed [epoch={}]", epoch);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.info("Cluster lease not released; the next start watches it first [error={}]", e.toString());
        }
    }

    /** Flushes until nothing is left here (true) or the deadline passes (false). */
    private boolean drained(long deadline) {
        Exception last = null;
        // At least one pass, even when the round in flight took the whole deadline: it may have flushed everything.
        for (boolean first = true; (first || System.nanoTime() < deadline) && !Thread.currentThread().isInterrupted();
             first = false) {
            try {
                if (!flushing.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("Final flush gave up waiting for a round stuck on PostgreSQL [waited={}]", settings.drainTimeout());
                    break;
                }
                try {
                    if (flushLocked() == 0) {
                        // nothing more to flush; but entries of lost partitions (and writes held back after a
                        // failure) are left out of the batches, and what is left here goes to the spill, which
                        // keeps the first and leaves the second out
                        long left = localPending();
                        if (left > 0) {
                            LOG.warn("Final flush left journal entries of lost partitions or held back after a failure; "
                                + "they go to the spill [left={}, heldBack={}]", left, held.size());
                            return false;
                        }
                        return true;
                    }
                } finally {
                    flushing.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                last = e;
                sleepQuietly(500);
            }
        }
        LOG.warn("Final flush incomplete after {} [pendingLocal={}, error={}]", settings.drainTimeout(),
            localPendingQuietly(), last == null ? "none" : last.toString());
        return false;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
