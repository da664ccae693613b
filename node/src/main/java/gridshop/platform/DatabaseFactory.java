package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.EmbeddedDatabase;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The PostgreSQL pool: the configured server, or an embedded one when {@code gridshop.db.url} is empty. */
@Factory
class DatabaseFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties db) {
        return EmbeddedDatabase.start(db.embeddedDir(), db.embeddedPort(), true);
    }

    /**
     * The node's one pool, in both modes. Named "default", the data source Micronaut Data's repositories and
     * transaction manager use in postgres-direct mode (they are made for it there only, when the baseline asks).
     */
    @Singleton
    @Named("default")
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseProperties db, BeanProvider<EmbeddedDatabase> embedded) {
        if (db.embedded()) {
            EmbeddedDatabase pg = embedded.get();
            return Database.pool(pg.jdbcUrl(), pg.user(), "", db.poolSize());
        }
        return Database.pool(db.url(), db.user(), db.password(), db.poolSize());
    }
}
