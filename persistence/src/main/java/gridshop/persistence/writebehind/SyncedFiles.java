package gridshop.persistence.writebehind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files this node keeps across a crash (a spill folder's owner name, its notes of unflushed writes): replaced
 * whole, never seen half-written, and on disk when the call returns.
 */
final class SyncedFiles {
    private SyncedFiles() {
    }

    /**
     * Writes {@code content} beside {@code file} (its name plus {@code .tmp}), forces it to disk, moves it over
     * {@code file} atomically and syncs the folder.
     */
    static void replace(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                 StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(content));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(file.getParent());
    }

    /** Forces the folder's entries (a file created, moved or deleted there) to disk. */
    static void syncDir(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
