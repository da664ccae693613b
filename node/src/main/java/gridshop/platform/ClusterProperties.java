package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code secret}: what a node must present to join this cluster (every node the same). {@code secretRequired}: a
 * node refuses to start with an empty one; true everywhere but the development and test environments
 * ({@code application-dev.yml}, which {@code scripts/start} switches on, and the tests' {@code application-test.yml}).
 */
@ConfigurationProperties("gridshop.cluster")
public record ClusterProperties(@Nullable String secret, boolean secretRequired) {

    public ClusterProperties {
        secret = secret == null ? "" : secret;
    }
}
