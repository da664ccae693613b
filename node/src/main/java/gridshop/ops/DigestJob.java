package gridshop.ops;

import gridshop.grid.platform.WriteJournal;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import gridshop.grid.cart.CartCache;
import gridshop.grid.order.CheckoutKeyCache;
import gridshop.grid.order.OrderCache;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.writebehind.DurableTables;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Run on every server node for one table: the digest of each partition this node is primary for (row count and
 * the sum of the rows' key-and-content hashes), over the rows whose writes are flushed. Rows with a write still in
 * this node's journal are left out and listed, so PostgreSQL's side leaves them out too; so are sessions (and
 * their carts) that expire before {@code liveUntil}. With {@code partitions} given, it answers instead with the
 * hash of every row of those partitions, by key, to name the rows that differ.
 */
final class DigestJob implements IgniteCallable<DigestJob.Result> {
    private static final long serialVersionUID = 1L;
    private final String cache;
    private final long liveUntil;
    private final Set<Integer> partitions;
    @IgniteInstanceResource
    private transient Ignite ignite;

    DigestJob(String cache, long liveUntil, Set<Integer> partitions) {
        this.cache = cache;
        this.liveUntil = liveUntil;
        this.partitions = partitions;
    }

    /** Per partition {count, sum of hashes}; the keys left out; by key, the hashes of the asked partitions. */
    static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<Integer, long[]> digests = new HashMap<>();
        final Set<Object> skipped = new HashSet<>();
        final Map<Object, Long> rows = new HashMap<>();
    }

    static long hash(Object key, long fingerprint) {
        long h = 31L * key.hashCode() + fingerprint;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    static DurableTable<?, ?> table(String cache) {
        return DurableTables.all().stream().filter(t -> t.cache().equals(cache)).findFirst().orElseThrow();
    }

    /** Sessions that end before {@code liveUntil} are at the end of their life: their stored expiry lags by design. */
    static boolean endingSession(ShopperSession s, long liveUntil) {
        return s == null || s.expiresAt().getTime() < liveUntil;
    }

    @Override
    public Result call() {
        DurableTable<?, ?> table = table(cache);
        Result out = new Result();
        // A checkout key is written with its order: it is unflushed while its order is.
        String journalled = cache.equals(CheckoutKeyCache.NAME) ? OrderCache.NAME : cache;
        Set<Object> pending = new HashSet<>();
        WriteJournal.forEachLocalPending(ignite, (c, key, at) -> {
            if (c.equals(journalled)) {
                pending.add(key);
            }
        });
        IgniteCache<Object, Object> grid = ignite.cache(cache);
        IgniteCache<String, ShopperSession> sessions = ignite.cache(SessionCache.NAME);
        var affinity = ignite.affinity(cache);
        for (Cache.Entry<Object, Object> e : grid.localEntries(CachePeekMode.PRIMARY)) {
            Object key = e.getKey();
            Object written = journalled.equals(cache) ? key : e.getValue();
            if (pending.contains(written) || ending(key, e.getValue(), sessions)) {
                out.skipped.add(key);
                continue;
            }
            int p = affinity.partition(key);
            long h = hash(key, table.fingerprintOf(e.getValue()));
            if (partitions == null) {
                long[] d = out.digests.computeIfAbsent(p, x -> new long[2]);
                d[0]++;
                d[1] += h;
            } else if (partitions.contains(p)) {
                out.rows.put(key, h);
            }
        }
        return out;
    }

    private boolean ending(Object key, Object value, IgniteCache<String, ShopperSession> sessions) {
        if (cache.equals(SessionCache.NAME)) {
            return endingSession((ShopperSession) value, liveUntil);
        }
        if (cache.equals(CartCache.NAME)) {
            return endingSession(sessions.localPeek((String) key, CachePeekMode.PRIMARY), liveUntil); // colocated
        }
        return false;
    }
}
