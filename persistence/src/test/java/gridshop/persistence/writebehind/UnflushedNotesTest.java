package gridshop.persistence.writebehind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        killed.note("db-1", "epoch-a", "n-1", 3, Set.of(1, 2), Set.of());
        killed.note("db-1", "epoch-a", "n-1", 7, Set.of(1, 2, 5), Set.of("n-0"));
        assertEquals(List.of(), killed.left(), "a process does not read its own note as left");

        UnflushedNotes next = new UnflushedNotes(dir, "100-2");
        List<UnflushedNotes.Note> left = next.left();
        assertEquals(1, left.size(), "one file per process, replaced each time: " + left);
        UnflushedNotes.Note note = left.get(0);
        assertFalse(note.clean());
        assertEquals("db-1", note.database());
        assertEquals("epoch-a", note.epoch());
        assertEquals(7, note.writes(), "the last note, not the first");
        assertEquals(Set.of(1, 2, 5), note.partitions());
        assertEquals("n-1", note.node());
        assertEquals(Set.of("n-0"), note.departed(), "whom it saw leave with a majority");
        assertTrue(note.writtenAtMillis() > 0);

        next.forget(note);
        assertEquals(List.of(), next.left());
    }

    @Test
    void aCleanStopLeavesANoteOfNoWritesSayingWhomItOutlivedAndWritesNoneAfter(@TempDir Path dir) throws Exception {
        UnflushedNotes stopping = new UnflushedNotes(dir, "200-1");
        stopping.note("db-1", "epoch-b", "n-2", 4, Set.of(9), Set.of("n-1"));
        stopping.stoppedClean();
        stopping.note("db-1", "epoch-b", "n-2", 5, Set.of(9), Set.of()); // a tick after the stop's spill

        List<UnflushedNotes.Note> left = new UnflushedNotes(dir, "200-2").left();
        assertEquals(1, left.size());
        UnflushedNotes.Note last = left.get(0);
        assertTrue(last.clean(), "the clean stop's note");
        assertEquals(0, last.writes(), "a clean stop leaves no writes to count");
        assertEquals("epoch-b", last.epoch(), "in the cluster it lived in");
        assertEquals(Set.of("n-1"), last.departed(), "and whom it outlived there");
    }

    @Test
    void aProcessThatNeverNotedOrHeldNothingLeavesNothing(@TempDir Path dir) throws Exception {
        new UnflushedNotes(dir, "250-1").stoppedClean();
        UnflushedNotes disowned = new UnflushedNotes(dir, "250-2");
        disowned.note("other-db", "e", "n", 3, Set.of(1), Set.of("m"));
        disowned.heldNothing();
        assertEquals(List.of(), new UnflushedNotes(dir, "250-3").left());
    }

    @Test
    void aNoteThatCannotBeReadIsKeptAsideAndAHalfWrittenOneGoes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("unflushed-300-1.note"), "epoch=e\nwrites=many\n");
        Files.writeString(dir.resolve("unflushed-300-2.note.tmp"), "epoch=e\nwri");
        new UnflushedNotes(dir, "300-3").note("db", "e", "n", 1, Set.of(3), Set.of());

        assertEquals(List.of(), new UnflushedNotes(dir, "300-4").left().stream().filter(n -> n.writes() != 1).toList());
        assertTrue(Files.exists(dir.resolve("unflushed-300-1.note.bad")), "kept aside, not deleted");
        assertTrue(Files.notExists(dir.resolve("unflushed-300-2.note.tmp")));
    }
}
