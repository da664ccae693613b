package gridshop.persistence.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL connection pool; the schema is migrated before the pool is handed out. */
public final class Database {
    private Database() {
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("gridshop-db");
        cfg.setInitializationFailTimeout(30_000);
        // A flush that cannot get a connection (PostgreSQL down) gives up soon and tries again, rather than hold a
        // stopping node's drain for the default 30 s.
        cfg.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }
}
