package gridshop.persistence.catalog;

import gridshop.grid.catalog.Product;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the demo catalog into an empty PostgreSQL catalog with COPY (a million products in seconds). */
public final class DemoCatalogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalogWriter.class);
    private static final int CHUNK = 64 * 1024;

    private DemoCatalogWriter() {
    }

    /** Generates {@code count} products if the product table is empty; returns how many it wrote. */
    public static long writeIfEmpty(DataSource ds, long count) throws SQLException {
        if (count <= 0) {
            return 0;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE product IN EXCLUSIVE MODE");
                try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM product)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        c.rollback();
                        return 0;
                    }
                }
            }
            long t0 = System.nanoTime();
            copy(c, "COPY product (id, sku, name, description, category, brand, price, rating, version, updated_at) FROM STDIN",
                count, DemoCatalogWriter::productRow);
            copy(c, "COPY inventory (product_id, available, version, updated_at) FROM STDIN",
                count, id -> id + "\t" + DemoCatalog.stock(id) + "\t1\t" + ts() + "\n");
            c.commit();
            LOG.info("Demo catalog generated [products={}, ms={}]", count, (System.nanoTime() - t0) / 1_000_000);
            return count;
        }
    }

    private static String productRow(long id) {
        Product p = DemoCatalog.product(id);
        return p.id() + "\t" + p.sku() + "\t" + p.name() + "\t" + p.description() + "\t" + p.category() + "\t"
            + p.brand() + "\t" + p.price().toPlainString() + "\t" + p.rating() + "\t" + p.version() + "\t" + ts() + "\n";
    }

    private static String ts() {
        return DemoCatalog.createdAt().toInstant().atOffset(ZoneOffset.UTC).toString();
    }

    private static void copy(Connection c, String sql, long count, java.util.function.LongFunction<String> row)
        throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        StringBuilder buf = new StringBuilder(CHUNK * 2);
        try {
            for (long id = 1; id <= count; id++) {
                buf.append(row.apply(id));
                if (buf.length() >= CHUNK) {
                    send(in, buf);
                }
            }
            send(in, buf);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void send(CopyIn in, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

}
