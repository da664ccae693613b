package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/** An empty {@code url} means: run an embedded PostgreSQL in {@code embeddedDir}. */
@ConfigurationProperties("gridshop.db")
record DatabaseProperties(String url, String user, String password, int poolSize, Path embeddedDir, int embeddedPort) {

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
