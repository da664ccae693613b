package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.ContextualAwareDataSource;
import jakarta.inject.Singleton;

/**
 * Keeps the node's one pool ({@link DatabaseFactory}) the pool it is, in both modes.
 *
 * <p>Micronaut Data (on the classpath for the postgres-direct baseline) would replace every data source bean with a
 * proxy whose connections are the current transaction's ({@code ContextualAwareDataSource}): the flusher, the lease
 * keeper and the loaders run on Ignite and pool threads outside any such transaction, and inject the
 * {@link HikariDataSource} itself. The baseline's repositories and {@code @Transactional} do not need the proxy: Micronaut
 * Data's connection operations and transaction manager take their connections from the pool directly.
 */
@Singleton
@Replaces(ContextualAwareDataSource.class)
final class PoolAsMade implements BeanCreatedEventListener<HikariDataSource> {
    @Override
    public HikariDataSource onCreated(BeanCreatedEvent<HikariDataSource> event) {
        return event.getBean();
    }
}
