package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code ownerCalls}: a shopper's write that lands on a node other than its session's primary runs on that primary
 * ({@link OwnerCalls}); false runs it where it landed, as a transaction with a remote primary (the bench's A/B).
 */
@ConfigurationProperties("gridshop.routing")
public record RoutingProperties(boolean ownerCalls) {
}
