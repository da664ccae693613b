package gridshop.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic task on a daemon thread of its own, owned by the bean that made it and stopped with it. Not
 * Micronaut's {@code @Scheduled}: a scheduled method that fires while the context closes asks the context for
 * its bean again, and a bean that depends on the grid would then start a second Ignite node.
 */
public final class Ticker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);
    private final ScheduledExecutorService executor;
    private volatile long lastBeat = System.nanoTime();

    /** Every tick beats, and whatever it throws is logged: a periodic task that throws once would never run again. */
    public Ticker(String threadName, Duration every, Runnable task) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            lastBeat = System.nanoTime();
            try {
                task.run();
            } catch (Throwable e) {
                LOG.warn("Periodic task failed; the next tick tries again [task={}, error={}]", threadName, e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Its last tick began less than {@code stalled} ago (a tick that hangs, or a dead thread, makes this false). */
    public boolean beatWithin(Duration stalled) {
        return System.nanoTime() - lastBeat < stalled.toNanos();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** {@link #close}, then waits up to {@code limit} for a tick in progress to end (false if it did not). */
    public boolean closeAndWait(Duration limit) {
        executor.shutdownNow();
        try {
            return executor.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
