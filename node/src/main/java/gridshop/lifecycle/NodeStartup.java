package gridshop.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.catalog.CatalogFeed;
import gridshop.events.OutboxRelay;
import gridshop.grid.security.DatabaseCheck;
import gridshop.persistence.catalog.DemoCatalogWriter;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.DatabaseIdentity;
import gridshop.persistence.writebehind.DurableTables;
import gridshop.persistence.writebehind.UnflushedNotes;
import gridshop.persistence.platform.SqlErrors;
import gridshop.persistence.platform.StartupLoader;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.platform.AnalystLogin;
import gridshop.platform.GridMode;
import gridshop.platform.LostPartitionRecovery;
import gridshop.platform.Rebalancing;
import gridshop.platform.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once HTTP listens (so liveness answers and readiness says 503), replays what an earlier stop of this node
 * spilled into PostgreSQL if no node has loaded the cluster yet, fills the grid from PostgreSQL if this node starts
 * the cluster (generating the demo catalog into an empty database first), puts the spill into the grid as well
 * (a cluster another node loaded before this one came back has not seen it), starts the background loops and
 * reports ready once its partitions are up to date.
 * A start-up that fails does not leave a half-started member in the grid: the node leaves it and, outside
 * tests, the JVM exits non-zero.
 */
@GridMode
@Singleton
final class NodeStartup implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeStartup.class);

    private final ApplicationContext context;
    private final Ignite ignite;
    private final HikariDataSource pool;
    private final WriteBehindFlusher flusher;
    private final OutboxRelay relay;
    private final CatalogFeed catalog;
    private final NodeReadiness readiness;
    private final Tokens tokens;
    private final AnalystLogin analyst;
    private final StartupProperties props;
    private final ClusterLeaseKeeper lease;
    private final LostPartitionRecovery losses;
    private final long demoProducts;
    /**
     * The notes earlier processes of this node left (read once, before its spill counts as checked): whom they outlived
     * is said then, and what they held is counted or dropped once the grid is loaded. The start-up thread's only.
     */
    private List<UnflushedNotes.Note> notesLeft = List.of();

    NodeStartup(ApplicationContext context, Ignite ignite, HikariDataSource pool, WriteBehindFlusher flusher,
                OutboxRelay relay, CatalogFeed catalog, NodeReadiness readiness, Tokens tokens, AnalystLogin analyst,
                StartupProperties props, DemoProperties demo, ClusterLeaseKeeper lease, LostPartitionRecovery losses) {
        this.context = context;
        this.ignite = ignite;
        this.pool = pool;
        this.flusher = flusher;
        this.relay = relay;
        this.catalog = catalog;
        this.readiness = readiness;
        this.tokens = tokens;
        this.analyst = analyst;
        this.props = props;
        this.lease = lease;
        this.losses = losses;
        this.demoProducts = demo.products();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String url = ReadyBanner.url(event);
        Thread t = new Thread(() -> start(url), "gridshop-startup");
        t.setDaemon(true);
        t.start();
    }

    private void start(String url) {
        long t0 = System.nanoTime();
        try {
            lease.checkSpillFolderUnique();
            migrate();
            if (!StartupLoader.clusterLoaded(ignite)) {
                claimLease(); // before this node writes its spill into PostgreSQL, or loads
            }
            replaySpilled();
            lease.awaitAlso(flusher.spilledMembers(), readiness);
            sayWhomEarlierRunsOutlived();
            lease.spillChecked();
            readiness.state("loading");
            new StartupLoader(ignite, pool, DurableTables.all(), this::beforeNewGrid).run();
            applySpilled();
            countWhatEndedClustersLeft();
            readiness.state("indexing the catalog");
            catalog.start();
            startFlusherOnceDatabaseChecked();
            relay.start();
            readiness.state("receiving this node's partitions");
            Rebalancing.await(ignite);
            int servers = ignite.cluster().forServers().nodes().size();
            if (servers > 1) {
                catalog.reconcile(); // what moved here while the index was filled
            }
            readiness.markReady();
            LOG.info("gridshop node ready [url={}, nodes={}, ms={}]", url, servers, (System.nanoTime() - t0) / 1_000_000);
            ReadyBanner.print("gridshop", url, tokens, analyst);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failed(e);
        }
    }

    /**
     * Brings PostgreSQL's schema up to date. While PostgreSQL cannot be reached, a node that joins a loaded
     * cluster goes on without (the nodes before it migrated; it serves from the grid and its flusher waits for
     * PostgreSQL like everyone's); the first node of a cluster waits, not ready, since it must load.
     */
    private void migrate() throws InterruptedException {
        long pause = 500;
        while (true) {
            try {
                readiness.state("migrating the schema");
                Database.migrate(pool);
                return;
            } catch (RuntimeException e) {
                if (!SqlErrors.isTransient(e)) {
                    throw e;
                }
                if (StartupLoader.clusterLoaded(ignite)) {
                    LOG.warn("PostgreSQL unreachable; joining the loaded cluster without migrating [error={}]", e.toString());
                    return;
                }
                readiness.state("waiting for PostgreSQL");
                LOG.warn("PostgreSQL unreachable; start-up waits [retryMs={}, error={}]", pause, e.toString());
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    /**
     * A node that joined without its database identity (PostgreSQL was unreachable) checks it once PostgreSQL
     * answers, and its flusher starts only then: if the other nodes write into another database, it leaves and
     * exits before it has written anything there.
     */
    private void startFlusherOnceDatabaseChecked() throws SQLException {
        if (DatabaseCheck.of(ignite.cluster().localNode()).isPresent() || databaseChecked()) {
            flusher.start();
            return;
        }
        LOG.warn("PostgreSQL unreachable; this node's flusher starts once it can check the database is the cluster's");
        Thread t = new Thread(() -> {
            try {
                while (!databaseChecked()) {
                    Thread.sleep(1_000);
                }
                flusher.start();
                LOG.info("The database is the cluster's; this node's flusher started");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failed(e);
            }
        }, "gridshop-database-check");
        t.setDaemon(true);
        t.start();
    }

    /** True once this database's identity is read and no other node writes elsewhere; false while unreachable. */
    private boolean databaseChecked() throws SQLException {
        String mine;
        try {
            Database.migrate(pool); // it joined without migrating
            mine = DatabaseIdentity.read(pool);
        } catch (SQLException | RuntimeException e) {
            if (SqlErrors.isTransient(e)) {
                return false;
            }
            throw e;
        }
        Optional<String> theirs = DatabaseCheck.conflict(mine, ignite.cluster().forServers().nodes(),
            ignite.cluster().localNode().id());
        if (theirs.isPresent()) {
            flusher.disown();
            throw new IllegalStateException(DatabaseCheck.REFUSED + DatabaseCheck.refusal(mine, theirs.get()));
        }
        flusher.checked(mine);
        return true;
    }

    /**
     * What a previous stop spilled goes to PostgreSQL first, while no node has loaded the cluster: whichever node
     * loads then reads it. Into a cluster that is loaded (and serving) it goes through the grid alone (see
     * {@link #applySpilled}): a row written straight into PostgreSQL there could race the flush of a newer grid
     * write at an equal version and fork the two. "Loaded" is read once, before the write: a load that another node
     * finishes in between leaves that race open for this one file (the grid step still follows). A cluster that loads
     * cannot wait for spills it cannot know of (their nodes may come back any time, or never): each node brings its
     * own back, newer-wins, before it is ready. While PostgreSQL is unreachable (this database's identity, which the
     * files must match, cannot be read) the node waits, not ready.
     */
    private void replaySpilled() throws Exception {
        long pause = 500;
        while (true) {
            try {
                readiness.state("replaying writes spilled by the last stop");
                int rows = flusher.replaySpilled(!StartupLoader.clusterLoaded(ignite));
                if (rows > 0) {
                    LOG.info("Writes spilled by the last stop are in PostgreSQL [rows={}]", rows);
                }
                return;
            } catch (SQLException e) {
                readiness.state("waiting for PostgreSQL to replay writes spilled by the last stop");
                LOG.warn("PostgreSQL unreachable; spilled writes wait [retryMs={}, error={}]", pause, e.toString());
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    /**
     * Once the grid is loaded (here or by another node), the spill goes into it too, newer version winning, with its
     * outbox entries and dead letters, before the catalog index is read and the relay starts; only then is the file
     * deleted. A cluster loaded from PostgreSQL without this file thus gets it before this node is ready.
     */
    private void applySpilled() throws Exception {
        readiness.state("putting writes spilled by the last stop into the grid");
        int rows = flusher.applySpilled();
        if (rows > 0) {
            LOG.info("Writes spilled by the last stop are in the grid [newerThanGrid={}]", rows);
        }
        int superseded = flusher.spilledSuperseded();
        if (superseded > 0 && lease.loadedWithout()) {
            // The cluster loaded from PostgreSQL without this spill (spill-wait ran out) and wrote these rows since,
            // from PostgreSQL's older values: what the spilled versions changed on top of those is gone. Counted.
            losses.countLost(superseded);
            LOG.error("Writes spilled by this node's last stop came back after the cluster had loaded without them and "
                + "changed the same rows: the grid's newer rows stay, the spilled changes are counted as lost "
                + "[rows={}]", superseded);
        }
    }

    /**
     * Notes of unflushed writes that earlier processes of this node left on its disk: those that ended without a clean
     * stop (a clean stop's last note holds nothing and goes). If its cluster went on without it (or another node of it
     * saw it leave while that side had a majority, see {@link #sayWhomEarlierRunsOutlived}; or it ended with a clean
     * stop), what it held had other copies, and those were flushed, spilled or counted: the note goes. If nobody
     * is known to have outlived it (a cluster that died whole: seed 6884033745338258496), nobody was left to count what
     * its copies took: the note's writes are counted lost now, an estimate noted up to a second before its end, and
     * the partitions it held named, as a loss with both copies is (they were all lost). A note of a cluster this one
     * cannot place (not the one it took the lease from) is counted the same way, and says so. Never fails the start.
     */
    private void countWhatEndedClustersLeft() {
        UnflushedNotes notes = flusher.unflushedNotes();
        String database = flusher.databaseIdentity();
        for (UnflushedNotes.Note note : notesLeft) {
            if (database != null && !note.database().isEmpty() && !note.database().equals(database)) {
                LOG.warn("A note of unflushed writes from this node's last run names another database than this cluster's; "
                    + "left as it is, nothing counted here [file={}, noted={}, this={}, writes={}]", note.file(),
                    note.database(), database, note.writes());
                continue;
            }
            try {
                countIfNobodyOutlived(note);
                notes.forget(note);
            } catch (IOException | RuntimeException e) {
                LOG.error("A note of unflushed writes left by an earlier process of this node could not be dealt with; "
                    + "its next start tries again [file={}, error={}]", note.file(), e.toString());
            }
        }
    }

    /**
     * Whom this node's earlier processes saw leave while their side had a majority, from the notes they left ({@link
     * ClusterLeaseKeeper#outlived}): those were outlived, their copies taken over. Never fails the start.
     */
    private void sayWhomEarlierRunsOutlived() {
        try {
            notesLeft = flusher.unflushedNotes().left();
        } catch (IOException | RuntimeException e) {
            LOG.error("The notes of unflushed writes this node's earlier runs left could not be read: none is counted, and "
                + "nodes they outlived may count writes they took over as lost [error={}]", e.toString());
            return;
        }
        for (UnflushedNotes.Note note : notesLeft) {
            try {
                note.departed().forEach(node -> lease.outlived(note.epoch(), node));
            } catch (RuntimeException e) {
                LOG.warn("Whom an earlier run of this node outlived could not be said [file={}, error={}]", note.file(),
                    e.toString());
            }
        }
    }

    private void countIfNobodyOutlived(UnflushedNotes.Note note) {
        if (note.clean()) {
            return; // a clean stop's last note: nothing held, and it said until when it lived
        }
        ClusterLeaseKeeper.Fate fate = lease.fateOf(note.epoch(), note.node());
        Instant at = Instant.ofEpochMilli(note.writtenAtMillis());
        String why = fate == ClusterLeaseKeeper.Fate.UNKNOWN
            ? "this node ended without a clean stop in a cluster this one cannot place (it took the lease from another), "
                + "so nobody is known to have outlived it"
            : "this node ended without a clean stop and no node of its cluster that came back saw it leave with a "
                + "majority: nobody is known to have outlived it to count what its copies took";
        if (fate != ClusterLeaseKeeper.Fate.ENDED_WITH_THIS_NODE && fate != ClusterLeaseKeeper.Fate.UNKNOWN) {
            LOG.info("A note of unflushed writes from this node's last run is dropped: its cluster took them over "
                + "[epoch={}, fate={}, writes={}, notedAt={}]", note.epoch(), fate, note.writes(), at);
        } else if (note.writes() > 0) {
            losses.countLost(note.writes());
            LOG.error("Partitions lost with both copies [partitions={}, unflushedWritesLost={}, partitionIds={}, epoch={}, "
                + "fate={}, notedAt={}]: {}; counted now, an estimate noted up to a second before its end, in the "
                + "partitions it held", note.partitions().size(), note.writes(), note.partitions(), note.epoch(), fate,
                at, why);
        } else {
            LOG.warn("No unflushed writes counted from this node's last run: {}, and its last note (up to a second before "
                + "its end) held none; a write acknowledged in its last second may be lost uncounted [epoch={}, fate={}, "
                + "notedAt={}]", why, note.epoch(), fate, at);
        }
    }

    private void failed(Throwable e) {
        lease.stop();
        readiness.state("failed: " + e.getMessage());
        LOG.error("Start-up failed; this node leaves the grid{}", props.exitOnFailure() ? " and exits" : "", e);
        try {
            context.close();
        } catch (RuntimeException closing) {
            LOG.error("Stopping after a failed start-up failed too", closing);
        }
        if (props.exitOnFailure()) {
            System.exit(1);
        }
    }

    /**
     * On the node that loads a new grid: no other cluster may run on this database, the members of the one before it
     * (if it ended without a clean stop) have put their spills into PostgreSQL, then the demo catalog.
     */
    private void beforeNewGrid() {
        claimLease();
        try {
            lease.awaitPreviousMembers(readiness);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the last cluster's nodes", e);
        }
        demoCatalog();
    }

    private void claimLease() {
        try {
            lease.claim(readiness);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the cluster lease", e);
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster lease could not be checked", e);
        }
    }

    private void demoCatalog() {
        try {
            DemoCatalogWriter.writeIfEmpty(pool, demoProducts);
        } catch (SQLException e) {
            throw new IllegalStateException("demo catalog could not be written [products=" + demoProducts + "]", e);
        }
    }
}
