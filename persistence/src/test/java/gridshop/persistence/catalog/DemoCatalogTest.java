package gridshop.persistence.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.Product;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    @Test
    void aProductIsTheSameWhateverElseIsGenerated() {
        Product a = DemoCatalog.product(123_456);
        Product b = DemoCatalog.product(123_456);
        assertEquals(a.name(), b.name());
        assertEquals(a.price(), b.price());
        assertEquals(a.description(), b.description());
        assertEquals(DemoCatalog.stock(42), DemoCatalog.stock(42));
    }

    @Test
    void aMillionProductsAreValidAndVaried() {
        Set<String> categories = new HashSet<>();
        Set<String> names = new HashSet<>();
        int soldOut = 0;
        for (long id = 1; id <= 1_000_000; id++) {
            Product p = DemoCatalog.product(id);
            assertTrue(p.price().signum() > 0 && p.price().scale() == 2, p.price().toPlainString());
            assertTrue(p.rating() >= 1 && p.rating() <= 5, "rating " + p.rating());
            categories.add(p.category());
            if (id <= 10_000) {
                names.add(p.name());
            }
            soldOut += DemoCatalog.stock(id) == 0 ? 1 : 0;
        }
        assertEquals(20, categories.size());
        assertTrue(names.size() > 9_000, "names mostly distinct: " + names.size());
        assertTrue(soldOut > 30_000 && soldOut < 70_000, "about one in twenty sold out: " + soldOut);
    }

    @Test
    void theCatalogIsWrittenOnceIntoAnEmptyDatabase() throws Exception {
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(Path.of("target", "pg-demo-" + ProcessHandle.current().pid()), 0, false);
             var pool = Database.open(pg.jdbcUrl(), pg.user(), "", 2)) {
            assertEquals(2_000, DemoCatalogWriter.writeIfEmpty(pool, 2_000));
            assertEquals(0, DemoCatalogWriter.writeIfEmpty(pool, 2_000), "not twice");
            assertEquals(2_000, count(pool, "SELECT count(*) FROM product"));
            assertEquals(2_000, count(pool, "SELECT count(*) FROM inventory"));
            Product p = DemoCatalog.product(777);
            assertEquals(1, count(pool, "SELECT count(*) FROM product WHERE id = 777 AND price = " + p.price()
                + " AND name = '" + p.name().replace("'", "''") + "'"));
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
