package gridshop.platform;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.persistence.platform.Database;
import gridshop.persistence.platform.EmbeddedDatabase;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The PostgreSQL pool: the configured server, or an embedded one when {@code gridshop.db.url} is empty. */
@Factory
class DatabaseFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties db) {
        return EmbeddedDatabase.start(db.embeddedDir(), db.embeddedPort(), true);
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseProperties db, BeanProvider<EmbeddedDatabase> embedded) {
        if (db.embedded()) {
            EmbeddedDatabase pg = embedded.get();
            return Database.pool(pg.jdbcUrl(), pg.user(), "", db.poolSize());
        }
        return Database.pool(db.url(), db.user(), db.password(), db.poolSize());
    }
}
