package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.node.GridNodeConfiguration;
import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.PartitionLossTotal;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.persistence.writebehind.DurableTables;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.persistence.platform.PartitionLossLedger;
import gridshop.persistence.platform.StartupLoader;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When both copies of some partitions are gone at once (two nodes killed together: the one loss one backup
 * cannot prevent), the oldest node resets them and puts back what PostgreSQL has of them, so the API answers
 * for their keys again instead of 503 for ever, and says what was lost. What was lost is counted from what
 * every node publishes each second: its unflushed journal entries per primary partition; so the count is of
 * the writes that were waiting at the last publication, up to a second before the loss. The count is kept in
 * PostgreSQL too (retried while PostgreSQL refuses it), so it outlives the grid. A side without a majority does not
 * reset or reload: it may have been cut off from copies the other side holds ({@link #waitForMajority}).
 */
@GridMode
@Context
public final class LostPartitionRecovery implements BackgroundLoop {
    private static final Logger LOG = LoggerFactory.getLogger(LostPartitionRecovery.class);
    private static final Duration STALLED = Duration.ofMinutes(10);
    /** How long what a departed node published is kept, waiting for the partitions it may have lost to show. */
    private static final Duration KEEP_DEPARTED = Duration.ofSeconds(30);
    private static final Duration RESEED = Duration.ofSeconds(10);
    /** Departed nodes whose published counts are kept, and since when they are seen gone (the counting thread only). */
    private final Map<String, Long> absentSince = new HashMap<>();
    private final Ignite ignite;
    private final IgniteCache<String, String> meta;
    private final StartupLoader loader;
    private final HikariDataSource pool;
    /** When PostgreSQL's count was last read into the grid, or tried (0: never). */
    private volatile long lastSeed;
    /** PostgreSQL's count has been read into the grid at least once since this node became the oldest. */
    private volatile boolean seededOnce;
    /**
     * What this node counted before its first read of PostgreSQL's count: a grid that a full restart emptied holds
     * only that, and the read adds it to PostgreSQL's figure rather than taking the larger of the two.
     */
    private PartitionLossTotal countedBeforeSeed = PartitionLossTotal.NONE;
    /** When the first of {@link #countedBeforeSeed} was counted (wall clock, as PostgreSQL's last_at). */
    private long countedBeforeSeedSince;
    private final WriteBehindFlusher flusher;
    /** When the last "lost partitions wait for PostgreSQL" line was logged; 0 once they could be reloaded. */
    private long lastUnreachableLog;
    private final Readiness readiness;
    private final Quorum quorum;
    /** When the last "lost partitions wait for a majority" line was logged; 0 while this side has one. */
    private long lastMinorityLog;
    /** The total this node last kept in PostgreSQL; a total not kept yet (PostgreSQL refused it) is tried each tick. */
    private volatile PartitionLossTotal persisted;
    private long lastPersistTry;
    private String published = "";
    /** Server nodes this process has seen, and those it saw leave while its side had a majority (the note ticker only). */
    private final Set<String> seenServers = new TreeSet<>();
    private final Set<String> departedWithMajority = new TreeSet<>();
    /** The last note on disk failed (said once until one works again). */
    private boolean noteFailed;
    /** Counts (grid and disk only: it never waits for PostgreSQL, so a loss is said at once whatever PostgreSQL does). */
    private final Ticker ticker;
    /** Reads and keeps the count in PostgreSQL, and resets and reloads lost partitions (it may wait for PostgreSQL). */
    private final Ticker database;
    /** Guards the count: what the departed nodes published is counted once, and the total is changed by one at a time. */
    private final Object counting = new Object();

    LostPartitionRecovery(Ignite ignite, HikariDataSource pool, Readiness readiness, Quorum quorum,
                          WriteBehindFlusher flusher) {
        this.ignite = ignite;
        this.flusher = flusher;
        this.meta = ignite.cache(MetaCache.NAME);
        this.loader = new StartupLoader(ignite, pool, DurableTables.all(), () -> { });
        this.pool = pool;
        this.readiness = readiness;
        this.quorum = quorum;
        this.ticker = new Ticker("gridshop-lost-partitions", Duration.ofSeconds(1), this::tick);
        this.database = new Ticker("gridshop-lost-partitions-db", Duration.ofSeconds(1), this::databaseTick);
    }

    /** Waits (briefly) for a tick in progress: the stop's spill keeps the count as the tick last left it. */
    @PreDestroy
    void close() {
        database.close();
        ticker.closeAndWait(Duration.ofSeconds(5));
    }

    /**
     * Publishes this node's unflushed counts, and on the oldest node counts what lost partitions took, at once and
     * onto this node's disk: a node that had just become the oldest while PostgreSQL hung once waited for the pool's
     * timeout on the read of earlier losses before it counted, and was killed in that wait, the loss unsaid (seed
     * 6204211200817826061). Nothing here waits for PostgreSQL; {@link #databaseTick} does that part.
     */
    private void tick() {
        if (!StartupLoader.clusterLoaded(ignite)) {
            return;
        }
        Map<Integer, Long> pending = pendingByPrimary();
        noteOnDisk(pending); // ready or not: a joiner holds partitions before it is ready, a stopping node while it drains
        if (!readiness.ready()) {
            return;
        }
        publishPending(pending);
        if (oldest()) {
            Set<Integer> lost = lost();
            if (lost.isEmpty()) {
                forgetDepartedWithoutLoss();
            } else {
                countWritesLost(lost);
            }
        }
    }

    /**
     * On the oldest node: resets and reloads lost partitions (counting them first if the counting thread has not yet),
     * reads PostgreSQL's count of earlier losses every RESEED and adds what was counted before the first read (see
     * seed), and keeps the count in PostgreSQL.
     */
    private void databaseTick() {
        if (!readiness.ready() || !oldest()) {
            return;
        }
        try {
            recover(lost(), quorum.minority());
        } finally { // a reload that keeps failing must not keep the earlier count out, nor the count out of PostgreSQL
            if (lastSeed == 0 || System.nanoTime() - lastSeed > RESEED.toNanos()) {
                seed();
            }
            persistIfBehind();
        }
    }

    private boolean oldest() {
        ClusterNode oldest = ignite.cluster().forServers().forOldest().node();
        return oldest != null && oldest.isLocal();
    }

    /**
     * A side without a majority cannot tell a cut from a loss: the partitions it sees lost may be whole on the other
     * side of a cut, which writes them on. Resetting them here would serve PostgreSQL's older rows for keys the other
     * side holds newer (an order it acknowledged answering 404 here, an older price or stock). So on a minority they
     * stay lost (their keys answer 503, readiness and the console count them) until the side has a majority again:
     * ops confirm the topology as it is (then they are reloaded as usual), or the side's nodes restart into the other
     * side. What the departed nodes published is still counted at once, and kept in PostgreSQL, so that a loss is
     * said even if the cluster is restarted instead: on a side that was cut off, not killed, the count is an upper
     * bound, and the log says so.
     */
    private void waitForMajority(Set<Integer> lost) {
        long now = System.nanoTime();
        if (lastMinorityLog == 0 || now - lastMinorityLog > Duration.ofMinutes(1).toNanos()) {
            lastMinorityLog = now;
            LOG.error("Lost partitions wait for a majority: this side may be cut off from their other copies, so they "
                + "are not reloaded until ops confirm the topology or the side's nodes restart; writes counted lost "
                + "with them are an upper bound if it was a cut [lost={}, serverNodes={}, stableTopology={}, "
                + "majorityLost={}]", lost.size(), quorum.servers(), quorum.stableTopology(),
                quorum.majorityLost().orElse("-"));
        }
    }

    /** Keeps in PostgreSQL a total it refused before (read-only, down): a count only in the grid ends with the grid. */
    private void persistIfBehind() {
        PartitionLossTotal total = total();
        long now = System.nanoTime();
        if (!total.isNone() && !total.equals(persisted)
            && (lastPersistTry == 0 || now - lastPersistTry > Duration.ofSeconds(30).toNanos())) {
            lastPersistTry = now;
            persist(total);
        }
    }

    /**
     * The count of earlier losses, from PostgreSQL, into the grid's meta cache when the grid has less (a full restart
     * emptied it; or a node put back a spill that carried the count of a cluster that stopped while PostgreSQL could
     * not take it): what was lost before is still said. Read again every {@link #RESEED}, also while PostgreSQL is
     * down.
     */
    private void seed() {
        lastSeed = System.nanoTime();
        try {
            PartitionLossTotal earlier = PartitionLossLedger.read(pool).orElse(PartitionLossTotal.NONE);
            synchronized (counting) {
                // This node keeps nothing there before this read (see persist), but another node may have, from the
                // grid (a stop's keeping of the count): PostgreSQL's figure changed since the first count made here may
                // hold it already, and the larger of the two is taken then (an undercount at worst, never said twice).
                boolean apart = !countedBeforeSeed.isNone() && earlier.lastAt() < countedBeforeSeedSince;
                PartitionLossTotal t = apart ? earlier.plus(countedBeforeSeed) : earlier;
                if (!t.isNone() && MetaCache.mergePartitionLoss(meta, t)) {
                    LOG.warn("Partition losses counted before, from PostgreSQL [partitions={}, unflushedWritesLost={}, "
                        + "countedHereBeforeTheRead={}]", earlier.partitions(), earlier.writesLost(), countedBeforeSeed);
                    noteIfNotKept(total());
                }
                seededOnce = true;
                countedBeforeSeed = PartitionLossTotal.NONE;
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.debug("partition-loss count not read from PostgreSQL yet", e);
        }
    }

    /** Keeps the count in PostgreSQL too, so that it survives a full restart of the grid. */
    private void persist(PartitionLossTotal total) {
        if (!seededOnce) {
            seed(); // a count kept before the read of the earlier ones would be added to them twice
            if (!seededOnce) {
                return; // PostgreSQL does not answer; the note on disk and the grid keep the count meanwhile
            }
            total = total();
        }
        try {
            PartitionLossLedger.record(pool, total);
            persisted = total;
            flusher.lossKept();
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("The partition-loss count could not be kept in PostgreSQL; it stays in the grid [total={}, error={}]",
                total, e.toString());
        }
    }

    /** Partitions of any durable cache whose every copy is gone (all share one affinity, so one set). */
    Set<Integer> lost() {
        Set<Integer> lost = new TreeSet<>();
        for (String name : GridNodeConfiguration.durableCacheNames()) {
            lost.addAll(ignite.cache(name).lostPartitions());
        }
        return lost;
    }

    /**
     * Counts what the lost partitions took (once, from what their departed nodes published), then resets and reloads
     * them, but only while PostgreSQL answers: a partition reset while PostgreSQL is unreachable would serve its keys
     * as absent (404, a merchant re-creating a product PostgreSQL holds) until something reloaded it. Until then the
     * partitions stay lost: their keys answer 503 with Retry-After, readiness and the console show them, and each
     * tick tries again. A reload that fails half-way is remembered in the meta cache and retried the same way; the
     * reload never overwrites (its streamer does not), so a retry only fills what is still missing.
     */
    private void recover(Set<Integer> lost, boolean minority) {
        Set<Integer> pendingReload = pendingReload();
        if (lost.isEmpty() && pendingReload.isEmpty()) {
            lastMinorityLog = 0;
            return;
        }
        if (!lost.isEmpty()) {
            countWritesLost(lost);
        }
        if (minority) {
            waitForMajority(lost);
            return;
        }
        lastMinorityLog = 0;
        if (!databaseAnswers()) {
            return;
        }
        if (!lost.isEmpty()) {
            Set<Integer> toReload = new TreeSet<>(pendingReload);
            toReload.addAll(lost);
            meta.put(MetaCache.RELOAD_PENDING, join(toReload));
            ignite.resetLostPartitions(GridNodeConfiguration.durableCacheNames());
            addToTotal(lost.size(), 0, 0);
            pendingReload = toReload;
        }
        long rows = reload(pendingReload);
        meta.remove(MetaCache.RELOAD_PENDING);
        meta.put(MetaCache.PARTITIONS_RELOADED, String.valueOf(System.currentTimeMillis()));
        PartitionLossTotal total = addToTotal(0, 0, rows);
        persist(total);
        lastUnreachableLog = 0;
        LOG.error("Lost partitions reloaded from PostgreSQL and served again [partitions={}, rowsReloaded={}, "
            + "lostSinceStart={}, unflushedWritesLostSinceStart={}, partitionIds={}]", pendingReload.size(), rows,
            total.partitions(), total.writesLost(), pendingReload);
    }

    /**
     * A node that has just failed may have taken partitions with it that the partition exchange has not marked lost
     * yet (tens of milliseconds after the node left, longer under load): what it published is kept a while, or that
     * loss would be counted as nothing.
     */
    private void forgetDepartedWithoutLoss() { // the counting thread only
        Set<String> here = serverIds();
        long now = System.nanoTime();
        for (String id : publishedPending().keySet()) {
            if (!here.contains(id) && now - absentSince.computeIfAbsent(id, k -> now) > KEEP_DEPARTED.toNanos()) {
                LOG.info("A departed node lost no partitions: its published unflushed counts are dropped [node={}]", id);
                meta.remove(MetaCache.JOURNAL_PENDING + id);
                absentSince.remove(id);
            }
        }
    }

    /** Adds the unflushed writes the departed nodes published for the lost partitions to the count, once. */
    private void countWritesLost(Set<Integer> lost) {
        synchronized (counting) { // both threads count (the reload must not reset partitions not yet counted): once
            countWritesLostOnce(lost);
        }
    }

    private void countWritesLostOnce(Set<Integer> lost) {
        Set<String> here = serverIds();
        long writesLost = 0;
        boolean departed = false;
        for (Map.Entry<String, String> e : publishedPending().entrySet()) {
            if (!here.contains(e.getKey())) {
                departed = true;
                writesLost += countIn(e.getValue(), lost);
                meta.remove(MetaCache.JOURNAL_PENDING + e.getKey());
                absentSince.remove(e.getKey());
            }
        }
        if (departed) {
            addToTotal(0, writesLost, 0);
            LOG.error("Partitions lost with both copies [partitions={}, unflushedWritesLost={}, partitionIds={}]",
                lost.size(), writesLost, lost);
        }
    }

    private Set<String> serverIds() {
        Set<String> here = new TreeSet<>();
        ignite.cluster().forServers().nodes().forEach(n -> here.add(n.id().toString()));
        return here;
    }

    /** True if PostgreSQL gives a connection that works; says once a minute why lost partitions wait otherwise. */
    private boolean databaseAnswers() {
        try (java.sql.Connection c = pool.getConnection()) {
            if (c.isValid(5)) {
                return true;
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            warnUnreachable(e.toString());
            return false;
        }
        warnUnreachable("connection not valid");
        return false;
    }

    private void warnUnreachable(String error) {
        long now = System.nanoTime();
        if (lastUnreachableLog == 0 || now - lastUnreachableLog > Duration.ofMinutes(1).toNanos()) {
            lastUnreachableLog = now;
            LOG.error("Lost partitions wait for PostgreSQL: they stay lost (their keys answer 503) until they can be "
                + "reloaded [lost={}, pendingReload={}, error={}]", lost(), pendingReload(), error);
        }
    }

    /**
     * Writes lost another way than with a partition (spilled writes the grid had moved past: see NodeStartup), added
     * to the same count that readiness, the console and the metrics show, and kept in PostgreSQL.
     */
    public void countLost(long writes) {
        persist(addToTotal(0, writes, 0));
    }

    /**
     * Adds to the running total of partition losses in the meta cache, and notes the new total on this node's disk
     * until PostgreSQL takes it; returns the new total.
     */
    private PartitionLossTotal addToTotal(long partitions, long writesLost, long rowsReloaded) {
        synchronized (counting) {
            return addToTotalOnce(partitions, writesLost, rowsReloaded);
        }
    }

    private PartitionLossTotal addToTotalOnce(long partitions, long writesLost, long rowsReloaded) {
        PartitionLossTotal total;
        while (true) { // compare and set: another node may add to it at the same time (two nodes back from a dead cluster)
            String held = meta.get(MetaCache.PARTITION_LOSS);
            total = PartitionLossTotal.parse(held).plus(partitions, writesLost, rowsReloaded);
            if (held == null ? meta.putIfAbsent(MetaCache.PARTITION_LOSS, total.format())
                : meta.replace(MetaCache.PARTITION_LOSS, held, total.format())) {
                break;
            }
        }
        if (!seededOnce) {
            if (countedBeforeSeed.isNone()) {
                // the time the total holding this count carries: a figure in PostgreSQL at least as recent holds it (two
                // nodes counting at one start: a clock read after the total's once made a count look apart, and said twice)
                countedBeforeSeedSince = total.lastAt();
            }
            countedBeforeSeed = countedBeforeSeed.plus(partitions, writesLost, rowsReloaded);
        }
        noteIfNotKept(total);
        return total;
    }

    /** A count only in the grid (and this node's memory) ends with them: it goes to disk until PostgreSQL has it. */
    private void noteIfNotKept(PartitionLossTotal total) {
        if (!total.isNone() && !total.equals(persisted)) {
            flusher.noteLoss(total);
        }
    }

    /** Partitions reset but not yet reloaded (a reload that failed half-way). */
    Set<Integer> pendingReload() {
        String s = meta.get(MetaCache.RELOAD_PENDING);
        Set<Integer> out = new TreeSet<>();
        if (s != null && !s.isEmpty()) {
            for (String p : s.split(",")) {
                out.add(Integer.parseInt(p));
            }
        }
        return out;
    }

    private static String join(Set<Integer> partitions) {
        StringJoiner j = new StringJoiner(",");
        partitions.forEach(p -> j.add(String.valueOf(p)));
        return j.toString();
    }

    private long reload(Set<Integer> partitions) {
        try {
            return loader.reload(partitions);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("lost partitions were reset but could not be reloaded from PostgreSQL; the "
                + "reload is retried [partitions=" + partitions + "]", e);
        }
    }

    /** Publishes this node's unflushed journal entries per primary partition ("p:n,p:n") in the meta cache. */
    private void publishPending(Map<Integer, Long> pending) {
        StringJoiner counts = new StringJoiner(",");
        pending.forEach((p, n) -> counts.add(p + ":" + n));
        String now = counts.toString();
        if (!now.equals(published)) {
            meta.put(MetaCache.JOURNAL_PENDING + ignite.cluster().localNode().id(), now);
            published = now;
        }
    }

    /**
     * The server nodes this process has seen leave while its side had a majority (their copies taken over here and by
     * the others of the side, or counted lost): it outlived them, and its notes say so. A side without a majority may
     * have been cut off while the others wrote, so what it sees leave does not count.
     */
    private Set<String> departedWithMajority() {
        Set<String> now = serverIds();
        seenServers.addAll(now);
        if (!quorum.minority()) {
            for (String id : seenServers) {
                if (!now.contains(id)) {
                    departedWithMajority.add(id);
                }
            }
        }
        return departedWithMajority;
    }

    /** This node's primary partitions that hold unflushed journal entries, with their number, by partition. */
    private Map<Integer, Long> pendingByPrimary() {
        IgniteCache<Object, Object> journal = ignite.cache(WriteJournalCache.NAME);
        Map<Integer, Long> pending = new TreeMap<>();
        for (int p : ignite.affinity(WriteJournalCache.NAME).primaryPartitions(ignite.cluster().localNode())) {
            long n = journal.localSizeLong(p, CachePeekMode.PRIMARY);
            if (n > 0) {
                pending.put(p, n);
            }
        }
        return pending;
    }

    /**
     * Notes on this node's disk what it holds unflushed ({@code pending}: its primary partitions' journal entries), the
     * partitions it holds and its cluster's lease epoch, each second: if its whole cluster dies, no node is left to
     * count what went with it, and its next start counts from the note instead (see
     * {@link gridshop.persistence.writebehind.UnflushedNotes}).
     */
    private void noteOnDisk(Map<Integer, Long> pending) {
        long unflushed = pending.values().stream().mapToLong(Long::longValue).sum();
        try {
            Set<Integer> held = new TreeSet<>();
            for (int p : ignite.affinity(WriteJournalCache.NAME).allPartitions(ignite.cluster().localNode())) {
                held.add(p);
            }
            flusher.noteUnflushed(meta.get(MetaCache.LEASE_EPOCH), unflushed, held, departedWithMajority());
            noteFailed = false;
        } catch (IOException | RuntimeException e) {
            if (!noteFailed) {
                LOG.error("This node's unflushed writes could not be noted on its disk: if its whole cluster dies before "
                    + "they are flushed, no one counts them [unflushed={}, error={}]", unflushed, e.toString());
                noteFailed = true;
            }
        }
    }

    private Map<String, String> publishedPending() {
        // The meta cache is replicated: this node holds all of it.
        Map<String, String> out = new TreeMap<>();
        meta.localEntries(CachePeekMode.ALL).forEach(e -> {
            if (e.getKey().startsWith(MetaCache.JOURNAL_PENDING)) {
                out.put(e.getKey().substring(MetaCache.JOURNAL_PENDING.length()), e.getValue());
            }
        });
        return out;
    }

    private static long countIn(String published, Set<Integer> partitions) {
        long n = 0;
        for (String pair : published.split(",")) {
            if (!pair.isEmpty()) {
                int colon = pair.indexOf(':');
                if (partitions.contains(Integer.parseInt(pair.substring(0, colon)))) {
                    n += Long.parseLong(pair.substring(colon + 1));
                }
            }
        }
        return n;
    }

    /** What partition losses cost since the cluster started, as kept in the meta cache. */
    PartitionLossTotal total() {
        return PartitionLossTotal.parse(meta.get(MetaCache.PARTITION_LOSS));
    }

    @Override
    public String name() {
        return "lost-partition recovery";
    }

    @Override
    public boolean alive() {
        return ticker.beatWithin(STALLED) && database.beatWithin(STALLED);
    }
}
