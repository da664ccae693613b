package gridshop.persistence.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import gridshop.grid.catalog.Stock;
import gridshop.grid.platform.PartitionLossTotal;
import gridshop.persistence.catalog.DemoCatalog;
import gridshop.persistence.catalog.InventoryTable;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.DatabaseIdentity;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.EmbeddedDatabase;
import gridshop.persistence.platform.Row;
import gridshop.persistence.platform.RowWriter;
import gridshop.persistence.platform.SqlErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a stop spilled belong to the database they were written for: replayed there, refused (and kept) when
 * the next start is pointed at another one — a new database, or another shop's — so that no row lands where it
 * does not belong and nothing is given up silently. Two real PostgreSQL servers, each with its own identity.
 */
class SpillTest {
    private static final InventoryTable INVENTORY = new InventoryTable();
    private static final Map<String, DurableTable<?, ?>> TABLES = Map.of(INVENTORY.cache(), INVENTORY);
    private static EmbeddedDatabase pgA;
    private static EmbeddedDatabase pgB;
    private static HikariDataSource shopA;
    private static HikariDataSource shopB;

    @BeforeAll
    static void twoDatabases() {
        String run = "target/pg-spill-" + ProcessHandle.current().pid();
        pgA = EmbeddedDatabase.start(Path.of(run + "-a"), 0, false);
        pgB = EmbeddedDatabase.start(Path.of(run + "-b"), 0, false);
        shopA = Database.open(pgA.jdbcUrl(), pgA.user(), "", 2);
        shopB = Database.open(pgB.jdbcUrl(), pgB.user(), "", 2);
    }

    @AfterAll
    static void stop() {
        shopA.close();
        shopB.close();
        pgA.close();
        pgB.close();
    }

    @Test
    void spilledWritesReplayOnlyIntoTheirOwnDatabase(@TempDir Path dir) throws Exception {
        String a = DatabaseIdentity.read(shopA);
        String b = DatabaseIdentity.read(shopB);
        assertNotEquals(a, b, "each database has an identity of its own");
        Spill spill = new Spill(dir);
        Path file = spill.write(List.of(stock(101, 7), stock(102, 0)), a);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> spill.read(TABLES, b));
        assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains(a)
            && refused.getMessage().contains(b), "names the file and both databases: " + refused.getMessage());
        assertEquals(0, count(shopB), "nothing written into the other database");
        assertTrue(Files.exists(file), "the file is kept for the database it belongs to");

        List<Spill.Spilled> files = spill.read(TABLES, a);
        assertEquals(2, spill.replay(files, new RowWriter(shopA)));
        assertEquals(2, count(shopA), "replayed into its own database");
        assertEquals(List.of(file), spill.pending(), "and kept until the grid has it too");
        spill.done(files.get(0));
        assertEquals(List.of(), spill.pending(), "then deleted");
    }

    @Test
    void aFileWithoutIdentityReplaysWherever(@TempDir Path dir) throws Exception {
        Spill spill = new Spill(dir);
        spill.write(List.of(stock(201, 3)), null);
        assertEquals(1, spill.replay(spill.read(TABLES, DatabaseIdentity.read(shopB)), new RowWriter(shopB)));
    }

    /**
     * A database that refuses every write (read-only after a fail-over to a demoted primary) is an outage, not a
     * file of bad rows: the replay throws, so that start-up waits, and the file stays as it is, not {@code .refused}.
     */
    @Test
    void aSpillReplayedIntoAReadOnlyDatabaseIsKeptForTheNextTry(@TempDir Path dir) throws Exception {
        String a = DatabaseIdentity.read(shopA);
        Spill spill = new Spill(dir);
        Path file = spill.write(List.of(stock(401, 5)), a);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pgA.jdbcUrl());
        config.setUsername(pgA.user());
        config.setConnectionInitSql("SET default_transaction_read_only = on");
        List<Spill.Spilled> files = spill.read(TABLES, a);
        try (HikariDataSource readOnly = new HikariDataSource(config)) {
            java.sql.SQLException outage = assertThrows(java.sql.SQLException.class,
                () -> spill.replay(files, new RowWriter(readOnly)));
            assertEquals("25006", SqlErrors.state(outage), SqlErrors.describe(outage));
        }
        assertEquals(List.of(file), spill.pending(), "the file waits for a writable database, not moved to .refused");
        assertEquals(1, spill.replay(files, new RowWriter(shopA)));
        try (Connection c = shopA.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT available FROM inventory WHERE product_id = 401")) {
            assertTrue(rs.next(), "replayed once the database takes writes");
            assertEquals(5, rs.getInt(1));
        }
    }

    /**
     * A file names the cluster's members when it was written (a node that joined while PostgreSQL was down is in no
     * lease renewal, and the next cluster learns of it from here); a file written before it did names none.
     */
    @Test
    void aFileNamesItsClustersMembersAndCarriesItsLossCount(@TempDir Path dir) throws Exception {
        Spill spill = new Spill(dir);
        String a = DatabaseIdentity.read(shopA);
        PartitionLossTotal loss = new PartitionLossTotal(42, 152, 0, 1_796_535_660_065L);
        spill.write(List.of(stock(501, 2)), List.of(), a, java.util.Set.of("c0ffee01", "beef0002"), loss);
        assertEquals(java.util.Set.of("beef0002", "c0ffee01"), spill.read(TABLES, a).get(0).members());
        assertEquals(loss, spill.read(TABLES, a).get(0).loss(), "the count of a cluster that stopped before PostgreSQL took it");

        Path older = dir.resolve("writes-1-1.spill"); // what Spill wrote before: identity and entries, nothing after
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(Files.newOutputStream(older))) {
            out.writeObject(a);
            out.writeObject(new java.util.ArrayList<>(List.of(new Spill.Entry(INVENTORY.cache(), 502L, stock(502, 1).value()))));
        }
        Spill.Spilled read = spill.read(TABLES, a).stream().filter(s -> s.file().equals(older)).findFirst().orElseThrow();
        assertEquals(java.util.Set.of(), read.members());
        assertEquals(PartitionLossTotal.NONE, read.loss());
        assertEquals(1, read.rows().size(), "its rows are read as before");
    }

    /**
     * A node's note of a loss count is one file, replaced by each newer count (not one file per count), read at the
     * next start like any spill's count, and gone once PostgreSQL took the count.
     */
    @Test
    void aLossNoteIsOneFileReplacedByTheNewerCountAndGoneOnceKept(@TempDir Path dir) throws Exception {
        Spill spill = new Spill(dir);
        String a = DatabaseIdentity.read(shopA);
        PartitionLossTotal later = new PartitionLossTotal(3, 40, 0, 1_796_535_660_065L);
        spill.note(a, new PartitionLossTotal(1, 10, 0, 1_796_535_600_000L));
        spill.note(a, later);
        List<Spill.Spilled> read = spill.read(TABLES, a);
        assertEquals(1, read.size(), "one note: " + spill.pending());
        assertEquals(later, read.get(0).loss());
        assertEquals(List.of(), read.get(0).rows(), "a note carries the count alone");
        assertEquals(java.util.Set.of(), read.get(0).members(), "and names nobody to wait for");
        spill.forgetNote();
        assertEquals(List.of(), spill.pending(), "the count is in PostgreSQL: the note goes");
    }

    /** A file an older version wrote (its Stock of another serialVersionUID) is refused, named, and kept. */
    @Test
    void aFileOfAnotherVersionIsRefusedAndKept(@TempDir Path dir) throws Exception {
        Spill spill = new Spill(dir);
        Path file = spill.write(List.of(stock(301, 4)), DatabaseIdentity.read(shopA));
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = Stock.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(bytes, name) + name.length; // the class descriptor's serialVersionUID follows its name
        assertTrue(at > name.length, "the file describes class Stock");
        java.nio.ByteBuffer.wrap(bytes, at, 8).putLong(1L);
        Files.write(file, bytes);

        java.io.IOException refused = assertThrows(java.io.IOException.class,
            () -> spill.read(TABLES, DatabaseIdentity.read(shopA)));
        assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains("another version"),
            "names the file and says why: " + refused.getMessage());
        assertTrue(Files.exists(file), "the file is kept for the version that wrote it");
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static Row stock(long productId, int available) {
        return new Row(INVENTORY, productId, new Stock(productId, available, 1, DemoCatalog.createdAt()));
    }

    private static long count(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM inventory WHERE product_id BETWEEN 101 AND 102")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
