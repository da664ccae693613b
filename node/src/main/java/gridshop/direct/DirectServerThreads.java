package gridshop.direct;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.executor.ThreadSelection;
import jakarta.inject.Singleton;

/**
 * Part of the postgres-direct comparison baseline for every shopper port: its request threads.
 *
 * <p>In postgres-direct mode every request waits on JDBC, so every request runs on the I/O pool, as a shop on
 * PostgreSQL would run it. (In grid mode, key lookups and index pages stay on the event loop.)
 */
@DirectMode
@Singleton
final class DirectServerThreads implements BeanCreatedEventListener<HttpServerConfiguration> {
    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        event.getBean().setThreadSelection(ThreadSelection.IO);
        return event.getBean();
    }
}
