package gridshop.grid.platform;

import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * Removes a write-journal marker only if its stamp is the one the flusher read: a write that landed after
 * the flusher read the entity has put a new stamp, and that marker must stay for the next round.
 */
public final class RemoveIfStamp implements EntryProcessor<DirtyKey, Long, Boolean> {
    @Override
    public Boolean process(MutableEntry<DirtyKey, Long> entry, Object... args) {
        Long expected = (Long) args[0];
        if (entry.exists() && expected.equals(entry.getValue())) {
            entry.remove();
            return true;
        }
        return false;
    }
}
