package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The headless service whose endpoints are the grid's nodes, when discovery mode is {@code kubernetes}. */
@ConfigurationProperties("gridshop.discovery.kubernetes")
record KubernetesProperties(String namespace, String service) {
}
