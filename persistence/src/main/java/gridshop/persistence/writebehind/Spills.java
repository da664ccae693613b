package gridshop.persistence.writebehind;

import gridshop.grid.platform.WriteJournal;
import gridshop.persistence.platform.RowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.PartitionLossTotal;
import gridshop.grid.platform.SpillOwners;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's spill files over its life: at start read and checked against its database, written into PostgreSQL while
 * the cluster is not loaded, put into the grid once it is and only then deleted; at stop written from what may die
 * with the node (see {@link Spill}, {@link SpillIntoGrid}, {@link LocalCopies}).
 */
final class Spills {
    private static final Logger LOG = LoggerFactory.getLogger(Spills.class);

    private final Ignite ignite;
    private final Spill spill;
    private final UnflushedNotes notes;
    private final SpillIntoGrid intoGrid;
    private final LocalCopies localCopies;
    private final JournalRows journalRows;
    private final RowWriter writer;
    // The files read (and checked against this database) at start-up, until the grid has them.
    private volatile List<Spill.Spilled> spilled = List.of();
    // PostgreSQL holds the count those files carry (or more): set by the start-up's keeping of it.
    private volatile boolean lossInPostgres;

    Spills(Ignite ignite, WriteJournal journal, JournalRows journalRows, RowWriter writer, Path dir,
           List<String> spilledCaches) {
        this.ignite = ignite;
        this.spill = new Spill(dir);
        this.notes = new UnflushedNotes(dir, Spill.PROCESS);
        this.intoGrid = new SpillIntoGrid(ignite, journal);
        this.localCopies = new LocalCopies(ignite, journalRows, spilledCaches, journal.held());
        this.journalRows = journalRows;
        this.writer = writer;
    }

    Path dir() {
        return spill.dir();
    }

    boolean nonePending() throws IOException {
        return spill.pending().isEmpty();
    }

    /** Reads the files (refusing those of another database) and writes their entities into PostgreSQL if asked. */
    int replay(String database, boolean intoPostgres) throws IOException, SQLException {
        spilled = spill.read(journalRows.tables(), database);
        return intoPostgres ? spill.replay(spilled, writer) : 0;
    }

    /** The count the files {@link #replay} read carry is in PostgreSQL (or was refused there: false). */
    void lossInPostgres(boolean kept) {
        lossInPostgres = kept;
    }

    /**
     * Puts the files {@link #replay} read into the grid, deleting each once the grid has it; a count they carry that
     * PostgreSQL refused at the start is noted again first (in this process's note), or deleting them would leave it
     * in the grid alone.
     */
    int apply(String database) throws IOException {
        PartitionLossTotal loss = loss();
        mergeLoss(loss);
        if (!loss.isNone() && !lossInPostgres) {
            note(database, loss);
        }
        int applied = 0;
        for (Spill.Spilled s : spilled) {
            applied += intoGrid.apply(s);
            spill.done(s);
        }
        spilled = List.of();
        return applied;
    }

    /** The members named by the files {@link #replay} read (see {@link Spill#write}): the spill owners of their clusters. */
    Set<String> members() {
        Set<String> members = new TreeSet<>();
        spilled.forEach(s -> members.addAll(s.members()));
        return members;
    }

    /** The largest count of partition losses the files {@link #replay} read carry (none if they carry none). */
    PartitionLossTotal loss() {
        PartitionLossTotal loss = PartitionLossTotal.NONE;
        for (Spill.Spilled s : spilled) {
            loss = loss.max(s.loss());
        }
        return loss;
    }

    /** Spilled entities the grid held at a newer version (see {@link SpillIntoGrid#superseded}). */
    int superseded() {
        return intoGrid.superseded();
    }

    /** The spill owners of the cluster's server nodes now (none if the grid cannot say any more). */
    private Set<String> clusterMembers() {
        try {
            return SpillOwners.ofServers(ignite);
        } catch (RuntimeException e) {
            LOG.warn("The spill names no members: the grid could not list its nodes [error={}]", e.toString());
            return Set.of();
        }
    }

    /**
     * The count the files carry into the grid's (each figure the larger): the recovery there says it and keeps it in
     * PostgreSQL, retrying while PostgreSQL refuses it.
     */
    private void mergeLoss(PartitionLossTotal loss) {
        if (loss.isNone()) {
            return;
        }
        try {
            MetaCache.mergePartitionLoss(ignite.cache(MetaCache.NAME), loss);
        } catch (IllegalStateException e) {
            LOG.warn("The partition-loss count a spill carried could not be merged into the grid's [loss={}]", loss);
        }
    }

    /**
     * Keeps the cluster's count on this disk at once (see {@link Spill#note}), for as long as PostgreSQL has not taken
     * it. Never throws: a count not noted still lives in the grid, and the log says it was not.
     */
    void note(String database, PartitionLossTotal loss) {
        try {
            Path file = spill.note(database, loss);
            LOG.info("Partition-loss count noted on disk until PostgreSQL takes it [file={}, loss={}]", file, loss);
        } catch (IOException | RuntimeException e) {
            LOG.error("The partition-loss count could not be noted on disk; it lives only in the grid [dir={}, loss={}, "
                + "error={}]", spill.dir(), loss, e.toString());
        }
    }

    /** PostgreSQL has taken the count: the note goes. Never throws (a note left is merged again by the next start). */
    void forgetNote() {
        try {
            spill.forgetNote();
        } catch (IOException | RuntimeException e) {
            LOG.warn("The partition-loss note could not be deleted; the next start keeps its count again (harmless) "
                + "[dir={}, error={}]", spill.dir(), e.toString());
        }
    }

    /** The cluster's count of partition losses as this node's copy of the meta cache holds it (none if it cannot say). */
    private PartitionLossTotal clusterLoss() {
        try {
            IgniteCache<String, String> meta = ignite.cache(MetaCache.NAME);
            return PartitionLossTotal.parse(meta == null ? null : meta.localPeek(MetaCache.PARTITION_LOSS));
        } catch (RuntimeException e) {
            LOG.warn("The spill carries no partition-loss count: the grid could not say it [error={}]", e.toString());
            return PartitionLossTotal.NONE;
        }
    }

    /**
     * Spills what may die with this node; {@code unflushed}: its journal's entities too. The cluster's count of
     * partition losses goes with it, and is first offered to {@code keep} (PostgreSQL): a count PostgreSQL refused
     * until now lives only in the grid, so a node with nothing else to spill writes a file of the count alone (naming
     * no members: nobody need be awaited for it). Never throws.
     */
    void atStop(boolean unflushed, String database, java.util.function.Predicate<PartitionLossTotal> keep) {
        try {
            PartitionLossTotal loss = clusterLoss();
            boolean lossOnlyHere = !loss.isNone() && !keep.test(loss);
            if (!loss.isNone() && !lossOnlyHere) {
                forgetNote(); // PostgreSQL has the count (a count the grid cannot say keeps its note)
            }
            LocalCopies.Copies copies = localCopies.collect(unflushed);
            if (copies.isEmpty()) {
                if (lossOnlyHere) {
                    Path file = spill.write(List.of(), List.of(), database, Set.of(), loss);
                    LOG.warn("Spilled the cluster's partition-loss count, which PostgreSQL has not taken; the next start "
                        + "keeps it there [file={}, loss={}]", file, loss);
                }
                stoppedClean();
                return;
            }
            if (database == null) {
                LOG.warn("Spilling without a database identity (this node never read one): the next start replays the "
                    + "file into whichever database it is given");
            }
            Path file = spill.write(copies.rows(), copies.kept(), database, clusterMembers(), loss);
            LOG.warn("Spilled to a local file what may die with this node; its next start puts it back before it is "
                + "ready [file={}, journalEntries={}, rows={}, outboxEntriesAndDeadLetters={}]", file,
                copies.journalEntries(), copies.rows().size(), copies.kept().size());
            stoppedClean();
        } catch (Exception e) {
            LOG.error("Unflushed writes, outbox entries or dead letters could not be spilled [dir={}]; they live only in "
                + "the grid now", spill.dir(), e);
        }
    }

    /** What this node notes it holds unflushed each second ({@link UnflushedNotes}). */
    UnflushedNotes notes() {
        return notes;
    }

    /** This node held nothing of the cluster's (its database was not the cluster's): no unflushed note of it stays. */
    void nothingHeldHere() {
        try {
            notes.heldNothing();
        } catch (IOException | RuntimeException e) {
            LOG.warn("This node's note of unflushed writes could not be deleted [dir={}, error={}]", spill.dir(), e.toString());
        }
    }

    /** Nothing of this node's dies with it (flushed, or spilled to disk): its unflushed note says so. Never throws. */
    private void stoppedClean() {
        try {
            notes.stoppedClean();
        } catch (IOException | RuntimeException e) {
            LOG.warn("This node's note of unflushed writes could not say its clean stop; its next start may count what "
                + "it last noted as lost if its cluster ends meanwhile [dir={}, error={}]", spill.dir(), e.toString());
        }
    }
}
