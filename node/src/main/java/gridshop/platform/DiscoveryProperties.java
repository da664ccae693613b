package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/** {@code mode}: {@code static} (seed {@code addresses}) or {@code kubernetes} (see KubernetesProperties). */
@ConfigurationProperties("gridshop.discovery")
public record DiscoveryProperties(String mode, List<String> addresses, int port) {
}
