package gridshop.persistence.writebehind;

import gridshop.grid.platform.PartitionLossTotal;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Row;
import gridshop.persistence.platform.RowWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stopping node may hold the only copy of, kept in local files until its next start puts it back: the
 * writes it could not flush (PostgreSQL down), and the outbox entries and dead letters of partitions no other node
 * holds. Written synced to disk before the grid goes. The next start writes the entities into PostgreSQL before
 * it loads (if the cluster is not loaded yet), then into the grid, newer version winning ({@link SpillIntoGrid}),
 * and deletes the file only after that: a crash in between keeps the file, and replaying is idempotent (upserts
 * and grid writes are version-guarded, outbox entries and letters go back only where missing).
 * <p>
 * A file names the database it was spilled for (its identity, see {@link DatabaseIdentity}) and is replayed only
 * into that one: a node pointed at another database (a new one, a stranger's) refuses to start rather than write
 * another shop's rows there, and says which file and which database.
 */
public final class Spill {
    private static final Logger LOG = LoggerFactory.getLogger(Spill.class);
    private static final String SUFFIX = ".spill";

    /** One grid entry as it was when the node stopped: an entity of a table, or an outbox entry or dead letter. */
    public record Entry(String cache, Object key, Object value) implements Serializable {
    }

    /**
     * One file: the identity of the database it was spilled for ("" when it does not say), the entities of tables
     * (to PostgreSQL and the grid), the entries of caches without a table (outbox, dead letters: the grid only), and
     * the spill owners of the cluster's server nodes when it was written ({@code members}; none in older files), and
     * the cluster's count of partition losses then ({@code loss}; none in older files): a cluster that stops while
     * PostgreSQL cannot take its count would otherwise end with it.
     */
    public record Spilled(Path file, String database, List<Row> rows, List<Entry> kept, Set<String> members,
                          PartitionLossTotal loss) {
    }

    private final Path dir;

    public Spill(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /**
     * The name of whoever keeps spill files in {@code dir}: made once, at the first start, in file {@code owner.id}. It
     * stays with the directory (a Kubernetes volume, a node's data folder) across restarts and address changes, so a
     * cluster that ended without a clean stop can name the nodes whose spills it waits for (the cluster lease's
     * members).
     */
    public static String owner(Path dir) throws IOException {
        Path file = dir.toAbsolutePath().resolve("owner.id");
        if (Files.exists(file)) {
            String id = Files.readString(file).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        SyncedFiles.replace(file, (id + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return id;
    }

    /** {@link #write(List, List, String, Set, PartitionLossTotal)} of entities alone, naming no members and no loss. */
    public Path write(List<Row> rows, String database) throws IOException {
        return write(rows, List.of(), database, Set.of(), PartitionLossTotal.NONE);
    }

    /**
     * Writes the rows and the kept entries to a new file, synced (file and directory) before it is given its final
     * name. {@code database} is the identity of the database they belong to (null if this node never learnt it: the
     * file then replays into whichever database the next start finds, as files written before identities did).
     * {@code members} are the spill owners of the cluster's server nodes now: a node that joined while PostgreSQL was
     * down is in no lease renewal, and the next cluster learns of it from here. {@code loss} is the cluster's count of
     * partition losses, which the next start keeps in PostgreSQL.
     */
    public Path write(List<Row> rows, List<Entry> kept, String database, Set<String> members, PartitionLossTotal loss)
        throws IOException {
        Path file = dir.resolve("writes-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + SUFFIX);
        List<Entry> entries = new ArrayList<>(rows.size() + kept.size());
        rows.forEach(r -> entries.add(new Entry(r.table().cache(), r.key(), r.value())));
        entries.addAll(kept);
        writeFile(file, entries, database, members, loss);
        return file;
    }

    /**
     * Keeps the cluster's count of partition losses on this disk the moment it changes, in a file of the count alone
     * (one per process, replaced each time; naming no members, so nobody waits for it): a node that counts a loss
     * while PostgreSQL cannot take the count, and is then killed itself, would otherwise take the count with it. Its
     * next start keeps it in PostgreSQL like any spill's count, and deletes the file. Returns the file.
     */
    public Path note(String database, PartitionLossTotal loss) throws IOException {
        Path file = lossNote();
        writeFile(file, List.of(), database, Set.of(), loss);
        return file;
    }

    /** The count is in PostgreSQL: this process's note of it goes (see {@link #note}). */
    public void forgetNote() throws IOException {
        if (Files.deleteIfExists(lossNote())) {
            syncDir();
        }
    }

    /**
     * This process's note: named by its pid and start, not its pid alone, which a container gives every process
     * (the note a killed process left must not be taken for this one's and deleted before it is replayed).
     */
    private Path lossNote() {
        return dir.resolve("loss-" + PROCESS + SUFFIX);
    }

    /** This process: its pid and start (see {@link #lossNote}). */
    static final String PROCESS = ProcessHandle.current().pid() + "-"
        + ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());

    /** Writes one file, synced (file and directory) before it is given its final name, which it may replace. */
    private void writeFile(Path file, List<Entry> entries, String database, Set<String> members, PartitionLossTotal loss)
        throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile());
             ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(out))) {
            objects.writeObject(database == null ? "" : database);
            objects.writeObject(entries);
            objects.writeObject(new TreeSet<>(members));
            objects.writeObject(loss.format());
            objects.flush();
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
    }

    private void syncDir() throws IOException {
        SyncedFiles.syncDir(dir);
    }

    /** Spill files waiting to be replayed, oldest first. */
    public List<Path> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    /**
     * Reads every spill file, oldest first. Throws {@link IllegalStateException} if a file belongs to another
     * database than {@code database} (this one's identity), and {@link IOException} if one cannot be read (another
     * version wrote it): nothing is replayed then, and every file stays.
     */
    public List<Spilled> read(Map<String, DurableTable<?, ?>> tables, String database) throws IOException {
        List<Spilled> spilled = new ArrayList<>();
        for (Path file : pending()) {
            Spilled s = read(file, tables);
            if (!s.database().isEmpty() && !s.database().equals(database)) {
                throw new IllegalStateException("spilled writes belong to another PostgreSQL database than this node's "
                    + "[file=" + file + ", spilled for database identity=" + s.database() + ", this database's=" + database
                    + "]: point gridshop.db.url at the database they belong to, or move the file out of " + dir
                    + " to give those writes up");
            }
            spilled.add(s);
        }
        return spilled;
    }

    /**
     * Puts the files' rows into PostgreSQL (version-guarded upserts) and keeps the files: they go only once the grid
     * has them too ({@link #done}). A row PostgreSQL refuses is logged with its values; put back into the grid, it
     * reaches PostgreSQL through the journal, which parks it as a dead letter. Throws if PostgreSQL cannot be
     * reached.
     */
    public int replay(List<Spilled> files, RowWriter writer) throws SQLException {
        int replayed = 0;
        for (Spilled s : files) {
            List<RowWriter.Refused> refused = writer.write(s.rows());
            refused.forEach(r -> LOG.error("PostgreSQL refused a spilled write [file={}, cache={}, key={}, value={}, error={}]",
                s.file(), r.row().table().cache(), r.row().key(), r.row().value(), r.error()));
            LOG.info("Spilled writes replayed into PostgreSQL [file={}, rows={}, refused={}]", s.file(), s.rows().size(),
                refused.size());
            replayed += s.rows().size();
        }
        return replayed;
    }

    /** The file's writes are in the grid (and through its journal on their way to PostgreSQL): it goes. */
    public void done(Spilled s) throws IOException {
        Files.deleteIfExists(s.file());
        syncDir();
    }

    /** The loss count a file carries after its members; files of older versions end before it and carry none. */
    private static PartitionLossTotal loss(ObjectInputStream objects) throws IOException, ClassNotFoundException {
        try {
            return PartitionLossTotal.parse((String) objects.readObject());
        } catch (EOFException e) {
            return PartitionLossTotal.NONE;
        }
    }

    /** The members a file names after its entries; files of older versions end with the entries and name none. */
    @SuppressWarnings("unchecked")
    private static Set<String> members(ObjectInputStream objects) throws IOException, ClassNotFoundException {
        try {
            return (Set<String>) objects.readObject();
        } catch (EOFException e) {
            return Set.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Spilled read(Path file, Map<String, DurableTable<?, ?>> tables) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             ObjectInputStream objects = new ObjectInputStream(in)) {
            Object first = objects.readObject();
            String database = first instanceof String id ? id : ""; // files of older versions hold the rows alone
            List<Row> rows = new ArrayList<>();
            List<Entry> kept = new ArrayList<>();
            for (Entry e : (List<Entry>) (first instanceof String ? objects.readObject() : first)) {
                DurableTable<?, ?> table = tables.get(e.cache());
                if (table == null) {
                    kept.add(e);
                } else {
                    rows.add(new Row(table, e.key(), e.value()));
                }
            }
            Set<String> members = members(objects);
            return new Spilled(file, database, rows, kept, members, loss(objects));
        } catch (ClassNotFoundException e) {
            throw new IOException("spill file holds an unknown class [file=" + file + "]", e);
        } catch (InvalidClassException e) {
            throw new IOException("spill file was written by another version of gridshop [file=" + file + ", class="
                + e.classname + "]: start the version that wrote it with PostgreSQL up, so that it replays the file", e);
        }
    }
}
