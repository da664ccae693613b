package gridshop.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks of what the grid serves after faults, a client's worth at once (8 threads): thousands of acknowledged orders
 * read one after another took a fault test most of a minute.
 */
public final class ParallelReads {
    private ParallelReads() {
    }

    /**
     * Runs every read; each says what it found wrong, or null. Returns what was wrong, in the reads' order. A read that
     * throws fails the caller: an AssertionError as it is, anything else wrapped in one.
     */
    public static List<String> wrong(List<Callable<String>> reads) throws InterruptedException {
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<String> wrong = new ArrayList<>();
            for (Future<String> f : readers.invokeAll(reads)) {
                String w;
                try {
                    w = f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Error err ? err : new AssertionError("a read failed", e.getCause());
                }
                if (w != null) {
                    wrong.add(w);
                }
            }
            return wrong;
        } finally {
            readers.shutdownNow();
        }
    }
}
