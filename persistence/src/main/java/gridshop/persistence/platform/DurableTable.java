package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The PostgreSQL table behind one grid cache: how to upsert the grid's values (idempotent, version-guarded)
 * and how to read them back at start-up.
 */
public abstract class DurableTable<K, V> {

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
     * What tells two versions of a value apart, the same whether the value comes from the grid or from its row:
     * its version, where it has one. The consistency check compares key and fingerprint.
     */
    public abstract long fingerprint(V value);

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

    /**
     * The rows that match {@code where} (SQL over the columns of {@link #selectSql()}, with {@code ?} for the
     * arguments), in {@code orderBy} order; for reading a few rows straight from PostgreSQL.
     */
    public List<V> find(Connection c, String where, String orderBy, Object... args) throws SQLException {
        List<V> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (" + selectSql() + ") AS row WHERE " + where
            + (orderBy == null ? "" : " ORDER BY " + orderBy))) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Streams every row to the sink, with a server-side cursor (the caller's connection is not auto-commit). */
    public long readAll(Connection c, BiConsumer<K, V> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(selectSql())) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    emit(rs, sink);
                    n++;
                }
            }
        }
        return n;
    }
}
