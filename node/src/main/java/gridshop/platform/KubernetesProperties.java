package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The headless service whose endpoints are the grid's nodes, when discovery mode is {@code kubernetes}, and the
 * API server asked for them (in a pod: the cluster's own, with the pod's service-account token).
 */
@ConfigurationProperties("gridshop.discovery.kubernetes")
public record KubernetesProperties(String namespace, String service, String masterUrl, String accountToken) {
}
