package gridshop.persistence.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's note of what it holds unflushed: a later process of the node reads what an earlier one left (it ended
 * without a clean stop), never its own; a clean stop leaves none behind.
 */
class UnflushedNotesTest {

    @Test
    void aProcessThatEndedWithoutACleanStopLeavesItsLastNoteForTheNext(@TempDir Path dir) throws Exception {
        UnflushedNotes killed = new UnflushedNotes(dir, "100-1");
        killed.note("epoch-a", 3, Set.of(1, 2));
        killed.note("epoch-a", 7, Set.of(1, 2, 5));
        assertEquals(List.of(), killed.left(), "a process does not read its own note as left");

        UnflushedNotes next = new UnflushedNotes(dir, "100-2");
        List<UnflushedNotes.Note> left = next.left();
        assertEquals(1, left.size(), "one file per process, replaced each time: " + left);
        UnflushedNotes.Note note = left.get(0);
        assertEquals("epoch-a", note.epoch());
        assertEquals(7, note.writes(), "the last note, not the first");
        assertEquals(Set.of(1, 2, 5), note.partitions());
        assertTrue(note.writtenAtMillis() > 0);

        next.forget(note);
        assertEquals(List.of(), next.left());
    }

    @Test
    void aCleanStopLeavesNoNoteAndWritesNoneAfter(@TempDir Path dir) throws Exception {
        UnflushedNotes stopping = new UnflushedNotes(dir, "200-1");
        stopping.note(null, 4, Set.of(9));
        stopping.stoppedClean();
        stopping.note("epoch-b", 5, Set.of(9)); // a tick after the stop's spill
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing left in the folder");
        }
        assertEquals(List.of(), new UnflushedNotes(dir, "200-2").left());
    }
}
