package gridshop.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A periodic task on a daemon thread of its own, owned by the bean that made it and stopped with it. Not
 * Micronaut's {@code @Scheduled}: a scheduled method that fires while the context closes asks the context for
 * its bean again, and a bean that depends on the grid would then start a second Ignite node.
 */
public final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService executor;

    public Ticker(String threadName, Duration every, Runnable task) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
