package gridshop.persistence.platform;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a stopping node could not flush, kept in local files until its next start puts them into PostgreSQL.
 * A stop that cannot reach PostgreSQL (it is down) while this node may hold the only copy of some writes (it
 * is the last node, or its partitions are not yet copied elsewhere) writes them here, synced to disk, before
 * the grid goes; the next start replays every file before the node loads or reports ready. Replaying is
 * idempotent: upserts are version-guarded, so a row PostgreSQL already has newer is left alone.
 * <p>
 * A file names the database it was spilled for (its identity, see {@link DatabaseIdentity}) and is replayed only
 * into that one: a node pointed at another database (a new one, a stranger's) refuses to start rather than write
 * another shop's rows there, and says which file and which database.
 */
public final class Spill {
    private static final Logger LOG = LoggerFactory.getLogger(Spill.class);
    private static final String SUFFIX = ".spill";

    /** One entity as it was in the grid when the node stopped. */
    record Entry(String cache, Object key, Object value) implements Serializable {
    }

    private final Path dir;

    public Spill(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes the rows to a new file, synced (file and directory) before it is given its final name. {@code database}
     * is the identity of the database they belong to (null if this node never learnt it: the file then replays
     * into whichever database the next start finds, as files written before identities did).
     */
    public Path write(List<Row> rows, String database) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("writes-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + SUFFIX);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        List<Entry> entries = new ArrayList<>(rows.size());
        rows.forEach(r -> entries.add(new Entry(r.table().cache(), r.key(), r.value())));
        try (FileOutputStream out = new FileOutputStream(tmp.toFile());
             ObjectOutputStream objects = new ObjectOutputStream(new BufferedOutputStream(out))) {
            objects.writeObject(database == null ? "" : database);
            objects.writeObject(entries);
            objects.flush();
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        return file;
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
     * Puts every spill file into PostgreSQL and deletes it; a row PostgreSQL refuses is logged with its values
     * and its file kept as {@code .refused}. Throws if PostgreSQL cannot be reached: the files stay for a retry.
     * Throws {@link IllegalStateException}, writing nothing, if a file belongs to another database than
     * {@code database} (this one's identity).
     */
    public int replay(Map<String, DurableTable<?, ?>> tables, RowWriter writer, String database)
        throws IOException, SQLException {
        List<Path> files = pending();
        List<Spilled> spilled = new ArrayList<>();
        for (Path file : files) {
            Spilled s = read(file, tables);
            if (!s.database().isEmpty() && !s.database().equals(database)) {
                throw new IllegalStateException("spilled writes belong to another PostgreSQL database than this node's "
                    + "[file=" + file + ", spilled for database identity=" + s.database() + ", this database's=" + database
                    + "]: point gridshop.db.url at the database they belong to, or move the file out of " + dir
                    + " to give those writes up");
            }
            spilled.add(s);
        }
        int replayed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            List<Row> rows = spilled.get(i).rows();
            List<RowWriter.Refused> refused = writer.write(rows);
            refused.forEach(r -> LOG.error("PostgreSQL refused a spilled write [file={}, cache={}, key={}, value={}, error={}]",
                file, r.row().table().cache(), r.row().key(), r.row().value(), r.error()));
            if (refused.isEmpty()) {
                Files.delete(file);
            } else {
                Files.move(file, file.resolveSibling(file.getFileName() + ".refused"), StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("Spilled writes replayed into PostgreSQL [file={}, rows={}, refused={}]", file, rows.size(), refused.size());
            replayed += rows.size();
        }
        return replayed;
    }

    /** A file's rows and the identity of the database they were spilled for ("" when it does not say). */
    private record Spilled(String database, List<Row> rows) {
    }

    @SuppressWarnings("unchecked")
    private static Spilled read(Path file, Map<String, DurableTable<?, ?>> tables) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             ObjectInputStream objects = new ObjectInputStream(in)) {
            Object first = objects.readObject();
            String database = first instanceof String id ? id : ""; // files of older versions hold the rows alone
            List<Row> rows = new ArrayList<>();
            for (Entry e : (List<Entry>) (first instanceof String ? objects.readObject() : first)) {
                DurableTable<?, ?> table = tables.get(e.cache());
                if (table == null) {
                    throw new IOException("spill file names a cache with no table [file=" + file + ", cache=" + e.cache() + "]");
                }
                rows.add(new Row(table, e.key(), e.value()));
            }
            return new Spilled(database, rows);
        } catch (ClassNotFoundException e) {
            throw new IOException("spill file holds an unknown class [file=" + file + "]", e);
        } catch (InvalidClassException e) {
            throw new IOException("spill file was written by another version of gridshop [file=" + file + ", class="
                + e.classname + "]: start the version that wrote it with PostgreSQL up, so that it replays the file", e);
        }
    }
}
