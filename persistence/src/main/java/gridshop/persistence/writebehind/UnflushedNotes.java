package gridshop.persistence.writebehind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What this node holds that PostgreSQL lacks, noted on its own disk each second while it runs: the cluster's lease
 * epoch, how many unflushed writes its primary partitions wait with, and the partitions it holds (primary or backup).
 * A clean stop deletes the note once its spill is on disk ({@link #stoppedClean}). A note left by an earlier process of
 * this node is the word of a node that ended without a clean stop; if no one outlived it (its whole cluster died,
 * nobody left to count what the last copies took), the next start counts those writes lost, an upper bound written up
 * to a second before the end, and names the partitions (see {@code NodeStartup}). One file per process, replaced each
 * time; not a spill file ({@link Spill} never reads it).
 */
public final class UnflushedNotes {
    private static final String PREFIX = "unflushed-";
    private static final String SUFFIX = ".note";

    /** A note as written: its lease epoch ("" if the cluster held none), writes waiting, partitions held, when written. */
    public record Note(Path file, String epoch, long writes, Set<Integer> partitions, long writtenAtMillis) {
    }

    private final Path dir;
    private final Path mine;
    /** What the file holds now (without its time): unchanged content is not written again. */
    private String written = "";
    private boolean stopped;

    UnflushedNotes(Path dir, String process) {
        this.dir = dir.toAbsolutePath();
        this.mine = this.dir.resolve(PREFIX + process + SUFFIX);
    }

    /**
     * Notes what this node holds now, synced to disk, unless it is what the file already says or this node stopped
     * cleanly. Throws if the file cannot be written (the caller says so; the last note stays).
     */
    public synchronized void note(String epoch, long writes, Set<Integer> partitions) throws IOException {
        String content = "epoch=" + (epoch == null ? "" : epoch) + "\nwrites=" + writes + "\npartitions=" + join(partitions) + "\n";
        if (stopped || content.equals(written)) {
            return;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(mine.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                 StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap((content + "at=" + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, mine, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
        written = content;
    }

    /** This node stopped cleanly, what may die with it spilled: its note goes, and no later one is written. */
    synchronized void stoppedClean() throws IOException {
        stopped = true;
        if (Files.deleteIfExists(mine)) {
            syncDir();
        }
    }

    /** The notes earlier processes of this node left (they ended without a clean stop), oldest first. */
    public List<Note> left() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Note> notes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                && f.getFileName().toString().endsWith(SUFFIX) && !f.equals(mine)).sorted().toList()) {
                notes.add(read(f));
            }
        }
        notes.sort(java.util.Comparator.comparingLong(Note::writtenAtMillis));
        return notes;
    }

    /** A note left is dealt with (counted, or found to name nothing lost): it goes. */
    public void forget(Note note) throws IOException {
        if (Files.deleteIfExists(note.file())) {
            syncDir();
        }
    }

    static Note read(Path file) throws IOException {
        String epoch = "";
        long writes = 0;
        long at = 0;
        Set<Integer> partitions = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            switch (line.substring(0, eq)) {
                case "epoch" -> epoch = value;
                case "writes" -> writes = Long.parseLong(value);
                case "at" -> at = Long.parseLong(value);
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
        return new Note(file, epoch, writes, Set.copyOf(partitions), at);
    }

    private static String join(Set<Integer> partitions) {
        StringJoiner j = new StringJoiner(",");
        new TreeSet<>(partitions).forEach(p -> j.add(String.valueOf(p)));
        return j.toString();
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
