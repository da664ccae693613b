package gridshop.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shopper's write on the node that is primary for the shopper's session. A session's cart, orders,
 * checkout keys and journal entries live in its partition; a write started on another node drives a transaction
 * whose primary is remote (a lock request per key, a prepare and a finish across the network, and the owner then
 * prepares its backup). Sent to the owner as one compute job, the same write is a local transaction there: one
 * message out, one back, whatever the number of nodes. A load balancer without session affinity sends most
 * requests to a node that does not own the session (two in three on three nodes), so this is what keeps a write's
 * cost flat for it.
 * <p>
 * The job is not failed over: if the owner leaves before it answers, the write may or may not have committed, and
 * the caller answers 503 saying so (a retry is safe: a cart quantity is set, not added, and a checkout with the same
 * Idempotency-Key places its order once). A 4xx the owner answers reaches the shopper unchanged. The partition stays
 * on the owner while the job runs ({@code affinityCall} reserves it).
 */
@GridMode
@Singleton
public final class OwnerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerCalls.class);
    private static final String OPERATIONS = "gridshop.owner-calls";
    private static final long TIMEOUT_MS = 60_000;

    private final Ignite ignite;
    private final Map<String, Affinity<Object>> affinities = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final ConcurrentMap<String, Function<Object[], Object>> operations;
    private final Counter ranHere;
    private final Counter sentToOwner;

    @SuppressWarnings("unchecked")
    OwnerCalls(Ignite ignite, RoutingProperties props, MeterRegistry meters) {
        this.ignite = ignite;
        this.ranHere = Counter.builder("gridshop.owner.calls").tag("ran", "here")
            .description("Shopper writes run on the node they reached (it is their session's primary, or routing is off)")
            .register(meters);
        this.sentToOwner = Counter.builder("gridshop.owner.calls").tag("ran", "owner")
            .description("Shopper writes sent to their session's primary and run there").register(meters);
        this.enabled = props.ownerCalls();
        this.operations = (ConcurrentMap<String, Function<Object[], Object>>) ignite.cluster().nodeLocalMap()
            .computeIfAbsent(OPERATIONS, k -> new ConcurrentHashMap<String, Function<Object[], Object>>());
    }

    /** Makes {@code operation} callable from other nodes under {@code name} (each node registers the same names). */
    public void register(String name, Function<Object[], Object> operation) {
        operations.put(name, operation);
    }

    /**
     * Runs {@code name} with {@code args} on the primary of {@code sessionId}'s partition of {@code cache} (the cache
     * the operation writes): here, or there.
     */
    @SuppressWarnings("unchecked")
    public <T> T call(String cache, String sessionId, String name, Object... args) {
        ClusterNode owner = enabled ? affinities.computeIfAbsent(cache, ignite::affinity).mapKeyToNode(sessionId) : null;
        if (owner == null || owner.isLocal()) {
            ranHere.increment();
            return (T) run(operations, name, args);
        }
        sentToOwner.increment();
        try {
            return (T) ignite.compute(ignite.cluster().forNode(owner)).withNoFailover().withTimeout(TIMEOUT_MS)
                .affinityCall(cache, sessionId, new Job(name, args));
        } catch (IgniteException e) {
            throw answered(sessionId, name, e);
        }
    }

    /**
     * The owner's 4xx or 503 as the owner answered it. Anything else (the owner left, the job timed out) is a 503 that
     * does not claim nothing changed: the owner may have committed before it went.
     */
    private static RuntimeException answered(String sessionId, String name, IgniteException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        LOG.warn("A shopper's write sent to its session's primary got no answer [sessionId={}, operation={}, error={}]",
            sessionId, name, e.toString());
        return ApiException.unavailable("the node holding this session did not answer (it may have left the cluster); "
            + "the change may or may not have been made: read it, or retry (a checkout with the same Idempotency-Key "
            + "places the order once)", 1);
    }

    private static Object run(Map<String, Function<Object[], Object>> operations, String name, Object[] args) {
        Function<Object[], Object> operation = operations == null ? null : operations.get(name);
        if (operation == null) {
            throw ApiException.unavailable("this node cannot serve the request yet [operation=" + name + "]", 1);
        }
        return operation.apply(args);
    }

    /** What travels to the owner: the operation's name and its arguments (strings and numbers). */
    private static final class Job implements IgniteCallable<Object> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final Object[] args;
        @IgniteInstanceResource
        private transient Ignite ignite;

        Job(String name, Object[] args) {
            this.name = name;
            this.args = args;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object call() {
            return run((Map<String, Function<Object[], Object>>) ignite.cluster().nodeLocalMap().get(OPERATIONS), name, args);
        }
    }
}
