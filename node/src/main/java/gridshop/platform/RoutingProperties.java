package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code ownerCalls}: a shopper's write that lands on a node other than its session's primary runs on that primary
 * ({@link OwnerCalls}); false runs it where it landed, as a transaction with a remote primary (the bench's A/B).
 * {@code localSessions}: a new session's id is chosen in a partition the creating node is primary for (a load balancer
 * with session affinity then keeps the shopper's writes local); false takes any id, which puts the shopper on a
 * random primary, as a load balancer without affinity does (how the bench measures one).
 */
@ConfigurationProperties("gridshop.routing")
public record RoutingProperties(boolean ownerCalls, boolean localSessions) {
}
