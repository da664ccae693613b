package gridshop.persistence.writebehind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node holds that PostgreSQL lacks, noted on its own disk each second while it runs: the cluster's lease
 * epoch, how many unflushed writes its primary partitions wait with, and the partitions it holds (primary or backup).
 * A clean stop writes a last note once its spill is on disk, holding no writes ({@link #stoppedClean}); every note
 * names the nodes this process saw leave while its side had a majority, which a node killed earlier learns it was
 * outlived by. A note left by an earlier process of
 * this node is the word of a node that ended without a clean stop; if no one is known to have outlived it (its whole
 * cluster died, nobody left to count what the last copies took), the next start counts those writes lost, an estimate
 * written up to a second before the end, and names the partitions (see {@code NodeStartup}). One file per process, replaced each
 * time; not a spill file ({@link Spill} never reads it).
 */
public final class UnflushedNotes {
    private static final Logger LOG = LoggerFactory.getLogger(UnflushedNotes.class);
    private static final String PREFIX = "unflushed-";
    private static final String SUFFIX = ".note";

    /**
     * A note as written: the identity of the database its writes were for ("" if unknown), the lease epoch ("" if the
     * cluster held none), the grid node id of the process that wrote it, writes waiting, partitions held, the node ids
     * of server nodes this process saw leave while its side had a majority (it took over their copies, or counted
     * them lost), when it was written, and whether it is the last note of a clean stop (which holds no writes).
     */
    public record Note(Path file, String database, String epoch, String node, long writes, Set<Integer> partitions,
                       Set<String> departed, long writtenAtMillis, boolean clean) {
    }

    private final Path dir;
    private final Path mine;
    private boolean stopped;
    /** The last note this process wrote (null: none, the cluster was never loaded): its clean stop says so in a last one. */
    private Note last;

    UnflushedNotes(Path dir, String process) {
        this.dir = dir.toAbsolutePath();
        this.mine = this.dir.resolve(PREFIX + process + SUFFIX);
    }

    /**
     * Notes what this node holds now and whom it saw leave while its side had a majority, with the time, synced to
     * disk, unless it stopped cleanly. Throws if the file cannot be written (the caller says so; the last note stays).
     */
    public synchronized void note(String database, String epoch, String node, long writes, Set<Integer> partitions,
                                  Set<String> departed) throws IOException {
        if (stopped) {
            return;
        }
        last = new Note(mine, database == null ? "" : database, epoch == null ? "" : epoch, node, writes, Set.copyOf(partitions),
            Set.copyOf(departed), 0, false);
        write(last);
    }

    private void write(Note n) throws IOException {
        String content = "database=" + n.database() + "\nepoch=" + n.epoch() + "\nnode=" + n.node() + "\nwrites=" + n.writes()
            + "\npartitions=" + join(n.partitions()) + "\ndeparted=" + String.join(",", new TreeSet<>(n.departed()))
            + "\nclean=" + n.clean() + "\n";
        SyncedFiles.replace(mine, (content + "at=" + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This node stopped cleanly, what may die with it spilled: its note says so from now on (no writes, no partitions,
     * and still whom it outlived: a node killed before it learns from that that its copies were taken over), and no
     * later one is written. A process that never noted anything leaves nothing.
     */
    synchronized void stoppedClean() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        if (last != null) {
            write(new Note(mine, last.database(), last.epoch(), last.node(), 0, Set.of(), last.departed(), 0, true));
        } else {
            forgetMine();
        }
    }

    /** This process held nothing of its cluster's (its database was not the cluster's): no note of it stays. */
    synchronized void heldNothing() throws IOException {
        stopped = true;
        forgetMine();
    }

    private void forgetMine() throws IOException {
        if (Files.deleteIfExists(mine)) {
            syncDir();
        }
    }

    /**
     * The notes earlier processes of this node left (they ended without a clean stop), oldest first. A note that cannot
     * be read (another version's, a damaged disk) is renamed {@code .bad} and left out, said in an ERROR line; a
     * half-written one a kill left ({@code .tmp}) goes.
     */
    public List<Note> left() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && !f.equals(mine)).toList();
        }
        List<Note> notes = new ArrayList<>();
        for (Path f : found) {
            String name = f.getFileName().toString();
            if (name.endsWith(SUFFIX + ".tmp") && !name.equals(mine.getFileName() + ".tmp")) {
                Files.deleteIfExists(f);
            } else if (name.endsWith(SUFFIX)) {
                try {
                    notes.add(read(f));
                } catch (IOException | RuntimeException e) {
                    Path bad = f.resolveSibling(name + ".bad");
                    Files.move(f, bad, StandardCopyOption.REPLACE_EXISTING);
                    LOG.error("A note of unflushed writes left by an earlier process of this node cannot be read; it is "
                        + "kept aside, not counted [file={}, error={}]", bad, e.toString());
                }
            }
        }
        notes.sort(Comparator.comparingLong(Note::writtenAtMillis));
        return notes;
    }

    /** A note left is dealt with (counted, or found to name nothing lost): it goes. */
    public void forget(Note note) throws IOException {
        if (Files.deleteIfExists(note.file())) {
            syncDir();
        }
    }

    static Note read(Path file) throws IOException {
        String database = "";
        String epoch = "";
        String node = "";
        Set<String> departed = new TreeSet<>();
        long writes = 0;
        long at = 0;
        boolean clean = false;
        Set<Integer> partitions = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            switch (line.substring(0, eq)) {
                case "database" -> database = value;
                case "epoch" -> epoch = value;
                case "node" -> node = value;
                case "departed" -> {
                    for (String d : value.split(",")) {
                        if (!d.isBlank()) {
                            departed.add(d.trim());
                        }
                    }
                }
                case "writes" -> writes = Long.parseLong(value);
                case "at" -> at = Long.parseLong(value);
                case "clean" -> clean = Boolean.parseBoolean(value);
                case "partitions" -> {
                    for (String p : value.split(",")) {
                        if (!p.isBlank()) {
                            partitions.add(Integer.parseInt(p.trim()));
                        }
                    }
                }
                default -> { }
            }
        }
        return new Note(file, database, epoch, node, writes, Set.copyOf(partitions), Set.copyOf(departed), at, clean);
    }

    private static String join(Set<Integer> partitions) {
        StringJoiner j = new StringJoiner(",");
        new TreeSet<>(partitions).forEach(p -> j.add(String.valueOf(p)));
        return j.toString();
    }

    private void syncDir() throws IOException {
        SyncedFiles.syncDir(dir);
    }
}
