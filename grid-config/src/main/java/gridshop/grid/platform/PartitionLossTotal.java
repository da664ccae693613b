package gridshop.grid.platform;

/**
 * What partition losses cost a cluster so far (the value of {@link MetaCache#PARTITION_LOSS}, kept in PostgreSQL's
 * {@code partition_loss} too, and carried by spill files): partitions lost with both copies, the unflushed writes
 * that went with them, the rows reloaded from PostgreSQL, and when the last was counted (epoch millis). Totals of one
 * history merge by taking the larger of each figure, as PostgreSQL's row does.
 */
public record PartitionLossTotal(long partitions, long writesLost, long rowsReloaded, long lastAt) {
    public static final PartitionLossTotal NONE = new PartitionLossTotal(0, 0, 0, 0);

    /** The meta cache's text ("partitions,writesLost,rowsReloaded,lastAtMillis"); none for null or empty. */
    public static PartitionLossTotal parse(String s) {
        if (s == null || s.isEmpty()) {
            return NONE;
        }
        String[] f = s.split(",");
        return new PartitionLossTotal(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    public String format() {
        return partitions + "," + writesLost + "," + rowsReloaded + "," + lastAt;
    }

    public PartitionLossTotal plus(long parts, long writes, long rows) {
        return new PartitionLossTotal(partitions + parts, writesLost + writes, rowsReloaded + rows, System.currentTimeMillis());
    }

    /** This count and another made apart from it (each figure the sum). */
    public PartitionLossTotal plus(PartitionLossTotal o) {
        return plus(o.partitions, o.writesLost, o.rowsReloaded);
    }

    /** Each figure the larger of the two. */
    public PartitionLossTotal max(PartitionLossTotal o) {
        return new PartitionLossTotal(Math.max(partitions, o.partitions), Math.max(writesLost, o.writesLost),
            Math.max(rowsReloaded, o.rowsReloaded), Math.max(lastAt, o.lastAt));
    }

    /** True if some figure of {@code o} is larger than this one's. */
    public boolean behind(PartitionLossTotal o) {
        return o.partitions > partitions || o.writesLost > writesLost || o.rowsReloaded > rowsReloaded;
    }

    public boolean isNone() {
        return partitions == 0 && writesLost == 0;
    }
}
