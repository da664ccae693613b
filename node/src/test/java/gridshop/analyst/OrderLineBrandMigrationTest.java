package gridshop.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.persistence.platform.Database;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migration V6 gives the order lines placed before it the brand their product has (revenue by brand reads the
 * lines' own brand), on a database that was at V5 with orders in it.
 */
class OrderLineBrandMigrationTest {

    @Test
    void linesPlacedBeforeTheMigrationTakeTheirProductsBrand() throws Exception {
        String url = TestDatabase.freshUrl();
        DataSource ds = AnalystData.dataSource(url);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("5").load().migrate();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO product (id, sku, name, description, category, brand, price, rating, version, updated_at) "
                + "VALUES (1, 'S1', 'Lamp', 'd', 'Lighting', 'Acme', 10, 4, 1, now()), "
                + "(2, 'S2', 'Mug', 'd', 'Kitchen', 'Zenith', 5, 4, 1, now())");
            st.execute("INSERT INTO orders (order_id, session_id, status, total, item_count, idempotency_key, created_at, version) "
                + "VALUES ('o1', 's1', 'PLACED', 25, 3, 'k1', now(), 1)");
            st.execute("INSERT INTO order_line (order_id, line_no, product_id, name, category, quantity, unit_price, line_total, "
                + "created_at) VALUES ('o1', 1, 1, 'Lamp', 'Lighting', 2, 10, 20, now()), ('o1', 2, 2, 'Mug', 'Kitchen', 1, 5, 5, now())");
        }
        Database.migrate(ds);
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of(List.of("1", "Acme"), List.of("2", "Zenith")),
                AnalystQueries.rows(c, "SELECT line_no, brand FROM order_line ORDER BY line_no"));
            assertEquals(List.of(List.of("NO")), AnalystQueries.rows(c,
                "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'order_line' AND column_name = 'brand'"),
                "a line without a brand is refused from now on");
        }
    }
}
