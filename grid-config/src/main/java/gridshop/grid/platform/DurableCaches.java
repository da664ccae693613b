package gridshop.grid.platform;

import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The settings every cache that holds business data shares. TRANSACTIONAL so that an entity and its
 * write-journal marker commit together; FULL_SYNC so that an acknowledged write is already on the backup
 * when the primary dies; READ_WRITE_SAFE so that lost partitions fail loudly instead of reading as empty.
 * Every cache uses the same affinity function and partition count: equal keys land in equal partitions,
 * which is what makes inventory colocated with product and cart with session.
 */
public final class DurableCaches {
    public static final String SQL_SCHEMA = "PUBLIC";
    /**
     * Threads per node that scan the order tables for one analyst query (each takes a share of the node's
     * partitions). Every node must use the same value; two matches the 2-core nodes the shop is sized for.
     */
    public static final int ANALYST_PARALLELISM = 2;

    private DurableCaches() {
    }

    public static <K, V> CacheConfiguration<K, V> partitioned(String name, GridSettings settings) {
        CacheConfiguration<K, V> cfg = new CacheConfiguration<>(name);
        cfg.setCacheMode(CacheMode.PARTITIONED);
        cfg.setBackups(1);
        cfg.setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL);
        cfg.setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
        cfg.setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE);
        cfg.setAffinity(new RendezvousAffinityFunction(false, settings.partitions()));
        cfg.setSqlSchema(SQL_SCHEMA);
        cfg.setStatisticsEnabled(true);
        return cfg;
    }
}
