package gridshop.persistence.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

/**
 * A hash of the columns a table writes, computed the same from a grid value (the parameters its {@code bind}
 * sets) and from its row read back (those columns as PostgreSQL returns them), so the consistency check sees a
 * fork at equal versions: a stock level, a price, a cart changed behind the grid's back. What PostgreSQL keeps
 * differently from the JVM is made equal first: NUMERIC by value, not scale ({@code 9.9} is {@code 9.90});
 * timestamps to the microsecond, rounded as the driver rounds them when it sends them; arrays element by element.
 */
final class ContentHash {
    private static final long NULL = 0x6a09e667f3bcc909L;
    // One recorder per thread: the digest runs on a few compute threads over every row, so no proxy per row.
    private static final ThreadLocal<Recorder> RECORDER = ThreadLocal.withInitial(Recorder::new);

    private ContentHash() {
    }

    /** The hash of the parameters {@code table.bind} sets for {@code value}, in column order. */
    static <V> long ofBound(DurableTable<?, V> table, V value, int columns) throws SQLException {
        Recorder r = RECORDER.get();
        Object[] bound = r.start(columns);
        table.bind(r.statement, value);
        long h = 1;
        for (Object v : bound) {
            h = combine(h, of(v));
        }
        return h;
    }

    /** The hash of the row's columns at {@code indexes} (1-based), in that order. */
    static long ofRow(ResultSet rs, int[] indexes) throws SQLException {
        long h = 1;
        for (int i : indexes) {
            h = combine(h, of(rs.getObject(i)));
        }
        return h;
    }

    private static long of(Object v) throws SQLException {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Array a) {
            return ofArray((Object[]) a.getArray());
        }
        if (v instanceof Object[] a) {
            return ofArray(a);
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        if (v instanceof Double || v instanceof Float) {
            return Double.doubleToLongBits(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Date || v instanceof TemporalAccessor) {
            return micros(v);
        }
        return v.toString().hashCode();
    }

    private static long ofArray(Object[] elements) throws SQLException {
        long h = elements.length;
        for (Object e : elements) {
            h = combine(h, of(e));
        }
        return h;
    }

    /** PostgreSQL keeps microseconds; the driver rounds the nanoseconds it is given to the nearest one. */
    private static long micros(Object time) {
        Instant t = time instanceof java.sql.Timestamp ts ? ts.toInstant()
            : time instanceof Date d ? d.toInstant()
            : time instanceof OffsetDateTime o ? o.toInstant()
            : Instant.from((TemporalAccessor) time);
        return t.getEpochSecond() * 1_000_000L + (t.getNano() + 500) / 1_000;
    }

    private static long combine(long h, long v) {
        long x = h * 0x9E3779B97F4A7C15L + v;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        return x ^ (x >>> 33);
    }

    /**
     * A statement that only records what is set on it (and a connection that only makes arrays of what it is
     * given), so that a table's own {@code bind} says which values it writes, in which column.
     */
    private static final class Recorder {
        private Object[] values = new Object[0];
        final PreparedStatement statement;

        Recorder() {
            Connection connection = proxy(Connection.class, (p, m, args) -> {
                if (m.getName().equals("createArrayOf")) {
                    Object[] elements = (Object[]) args[1];
                    return proxy(Array.class, (pa, ma, aa) -> ma.getName().equals("getArray") && aa == null ? elements
                        : unsupported(ma.getName()));
                }
                return unsupported(m.getName());
            });
            statement = proxy(PreparedStatement.class, (p, m, args) -> {
                if (m.getName().equals("getConnection")) {
                    return connection;
                }
                if (m.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                    values[i - 1] = m.getName().equals("setNull") ? null : args[1];
                    return null;
                }
                return unsupported(m.getName());
            });
        }

        Object[] start(int columns) {
            values = new Object[columns];
            return values;
        }

        private static Object unsupported(String method) {
            throw new UnsupportedOperationException("a table's bind called " + method + " while its content was hashed");
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, InvocationHandler handler) {
            return (T) Proxy.newProxyInstance(ContentHash.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
