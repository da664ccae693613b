package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL table behind one grid cache: how to upsert the grid's values (idempotent, version-guarded),
 * how to read them back at start-up, and the content fingerprint the consistency check compares on both sides.
 */
public abstract class DurableTable<K, V> {
    private static final Pattern INSERT_COLUMNS = Pattern.compile("INSERT INTO \\w+ \\(([^)]*)\\)");
    private volatile List<String> written;

    /** The grid cache this table backs. */
    public abstract String cache();

    /** {@code INSERT … ON CONFLICT … DO UPDATE … WHERE table.version < EXCLUDED.version}. */
    protected abstract String upsertSql();

    protected abstract void bind(PreparedStatement ps, V value) throws SQLException;

    /** The rows to load into an empty grid. */
    protected abstract String selectSql();

    protected abstract V read(ResultSet rs) throws SQLException;

    public abstract K key(V value);

    /**
     * What tells two values apart, the same whether the value comes from the grid or from its row: a hash of
     * every column the table writes ({@link ContentHash}), so that a row changed behind the grid's back at the same
     * version differs too. The consistency check compares key and fingerprint; {@link #fingerprint(ResultSet, int[],
     * Object)} is the same hash taken from the row PostgreSQL returns.
     */
    public long fingerprint(V value) {
        try {
            return ContentHash.ofBound(this, value, writtenColumns().size());
        } catch (SQLException e) {
            throw new IllegalStateException("hashing the content of a " + cache() + " value failed", e);
        }
    }

    /** {@link #fingerprint(Object)} of the row PostgreSQL holds: its written columns, at {@code indexes}. */
    protected long fingerprint(ResultSet rs, int[] indexes, V value) throws SQLException {
        return ContentHash.ofRow(rs, indexes);
    }

    /**
     * The columns {@link #bind} writes, in its order, as named in {@link #upsertSql()}'s column list; the rows of
     * {@link #selectSql()} carry every one of them (also those {@link #read} derives instead of reading).
     */
    protected List<String> writtenColumns() {
        List<String> columns = written;
        if (columns == null) {
            Matcher m = INSERT_COLUMNS.matcher(upsertSql());
            if (!m.find()) {
                throw new IllegalStateException("no column list in the upsert of " + cache());
            }
            columns = Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
            written = columns;
        }
        return columns;
    }

    /** {@link #fingerprint} for a value that comes untyped out of a cache. */
    @SuppressWarnings("unchecked")
    public long fingerprintOf(Object value) {
        return fingerprint((V) value);
    }

    /**
     * The version a value carries, which only grows: what decides, when a spill is put back into a loaded grid,
     * whether the spilled value or the grid's is newer. 0 for an entity written once and never changed (an order
     * line), whose spilled copy goes in only where the grid has none.
     */
    protected long version(V value) {
        return 0;
    }

    /** {@link #version} for a value that comes untyped out of a spill file or a cache. */
    @SuppressWarnings("unchecked")
    public long versionOf(Object value) {
        return version((V) value);
    }

    /** An entry of another cache that the start-up load derives from a row of this table (and nothing journals). */
    public record Derived(String cache, Object key, Object value) {
    }

    /**
     * What the load puts into other caches for this value (an order's Idempotency-Key): a spill put back into a
     * loaded grid puts it too, where missing, or the grid would lack what a load from PostgreSQL would have given.
     */
    public List<Derived> derived(Object value) {
        return List.of();
    }

    public void upsert(Connection c, Collection<V> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(upsertSql())) {
            for (V v : values) {
                bind(ps, v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@link #upsert} for values that come untyped out of the write journal. */
    @SuppressWarnings("unchecked")
    void upsertValues(Connection c, List<Object> values) throws SQLException {
        upsert(c, (List<V>) (List<?>) values);
    }

    /** Hands one row to the sink; a table whose key is not part of its value overrides this. */
    protected void emit(ResultSet rs, BiConsumer<K, V> sink) throws SQLException {
        V v = read(rs);
        sink.accept(key(v), v);
    }

    /** Streams every row to the sink, with a server-side cursor (the caller's connection is not auto-commit). */
    public long readAll(Connection c, BiConsumer<K, V> sink) throws SQLException {
        return scan(c, rs -> emit(rs, sink));
    }

    /** A row read back with the fingerprint of what PostgreSQL holds in its written columns. */
    public interface FingerprintSink<K, V> {
        void accept(K key, V value, long fingerprint);
    }

    /** {@link #readAll}, with each row's {@link #fingerprint(ResultSet, int[], Object)}; streaming, one pass. */
    public long readFingerprinted(Connection c, FingerprintSink<K, V> sink) throws SQLException {
        int[][] indexes = {null};
        return scan(c, rs -> {
            if (indexes[0] == null) {
                indexes[0] = columnIndexes(rs);
            }
            emit(rs, (k, v) -> {
                try {
                    sink.accept(k, v, fingerprint(rs, indexes[0], v));
                } catch (SQLException e) {
                    throw new IllegalStateException("reading the content of a " + cache() + " row failed [key=" + k + "]", e);
                }
            });
        });
    }

    private int[] columnIndexes(ResultSet rs) throws SQLException {
        List<String> columns = writtenColumns();
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rs.findColumn(columns.get(i));
        }
        return out;
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private long scan(Connection c, RowHandler handler) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(selectSql())) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                    n++;
                }
            }
        }
        return n;
    }
}
