package gridshop.platform;

import gridshop.grid.node.GridNodeConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
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
 * The job runs in a pool of its own on the owner ({@link GridNodeConfiguration#OWNER_CALLS_EXECUTOR}). It is run
 * there only while the owner is ready (loaded, index read, not stopping) and admits writes on this node first:
 * otherwise, and on an owner without the feature (mid-upgrade), the write runs here, as a transaction with a remote
 * primary, the way it always could. A 4xx or 503 the owner answers travels back as a value and reaches the shopper
 * unchanged. The job is not failed over: if the owner leaves or the job times out, the write may or may not have
 * committed, and the answer is a 503 that says so (a retry is safe: a cart quantity is set, not added, and a checkout
 * with the same Idempotency-Key places its order once). The partition stays on the owner while the job runs
 * ({@code affinityCall} reserves it).
 */
@GridMode
@Singleton
public final class OwnerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerCalls.class);
    private static final String OPERATIONS = "gridshop.owner-calls";
    private static final String READY = "gridshop.owner-calls.ready";
    /** Longer than a transaction may take (10 s, and 5 s more on a partition map exchange). */
    private static final long TIMEOUT_MS = 20_000;

    private final Ignite ignite;
    private final Map<String, Affinity<Object>> affinities = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final GridStatus status;
    private final ConcurrentMap<String, Function<Object[], Object>> operations;
    private final Counter ranHere;
    private final Counter sentToOwner;

    @SuppressWarnings("unchecked")
    OwnerCalls(Ignite ignite, RoutingProperties props, GridStatus status, Readiness readiness, MeterRegistry meters) {
        this.ignite = ignite;
        this.enabled = props.ownerCalls();
        this.status = status;
        this.ranHere = Counter.builder("gridshop.owner.calls").tag("ran", "here")
            .description("Shopper writes run on the node they reached (it is their session's primary, or routing is off)")
            .register(meters);
        this.sentToOwner = Counter.builder("gridshop.owner.calls").tag("ran", "owner")
            .description("Shopper writes sent to their session's primary and run there").register(meters);
        ConcurrentMap<Object, Object> local = ignite.cluster().nodeLocalMap();
        this.operations = (ConcurrentMap<String, Function<Object[], Object>>) local
            .computeIfAbsent(OPERATIONS, k -> new ConcurrentHashMap<String, Function<Object[], Object>>());
        local.put(READY, (BooleanSupplier) readiness::ready);
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
        if (owner != null && !owner.isLocal() && owner.attribute(GridNodeConfiguration.OWNER_CALLS_ATTRIBUTE) != null) {
            status.admitWrite(); // this node's back-pressure and quorum hold for what it sends as for what it runs
            Object answer = send(cache, sessionId, name, args);
            if (answer instanceof Refused refused) {
                throw refused.exception();
            }
            if (!(answer instanceof NotRun)) {
                sentToOwner.increment();
                return (T) answer;
            }
        }
        ranHere.increment();
        return (T) operations.get(name).apply(args);
    }

    private Object send(String cache, String sessionId, String name, Object[] args) {
        try {
            return ignite.compute().withExecutor(GridNodeConfiguration.OWNER_CALLS_EXECUTOR).withNoFailover()
                .withTimeout(TIMEOUT_MS).affinityCall(cache, sessionId, new Job(name, args));
        } catch (IgniteException e) {
            if (!unanswered(e)) {
                throw e; // the owner's transaction failed (rolled back): nothing changed, a 503 that says so
            }
            LOG.warn("A shopper's write sent to its session's primary got no answer [sessionId={}, operation={}, error={}]",
                sessionId, name, e.toString());
            throw ApiException.unavailable("the node holding this session did not answer (it left the cluster, or took "
                + "too long); the change may or may not have been made: read it, or retry (a checkout with the same "
                + "Idempotency-Key places the order once)", 1);
        }
    }

    /** The owner left or the job timed out: it may have committed. */
    private static boolean unanswered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClusterTopologyException || t instanceof ComputeTaskTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The owner did not run the write (not ready, stopping, or not yet able to): the caller runs it itself. */
    static final class NotRun {
    }

    /** A 4xx or 503 the owner answered, as a value (a class, not a record: Ignite's marshaller does not write records). */
    static final class Refused {
        private int status;
        private String detail;
        private ArrayList<Long> productIds;
        private Integer retryAfterSeconds;

        Refused() {
        }

        Refused(ApiException e) {
            this.status = e.status().getCode();
            this.detail = e.getMessage();
            this.productIds = e.productIds() == null ? null : new ArrayList<>(e.productIds());
            this.retryAfterSeconds = e.retryAfterSeconds();
        }

        ApiException exception() {
            List<Long> ids = productIds == null ? null : List.copyOf(productIds);
            return new ApiException(HttpStatus.valueOf(status), detail, ids, retryAfterSeconds);
        }
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
            Map<Object, Object> local = ignite.cluster().nodeLocalMap();
            Map<String, Function<Object[], Object>> operations = (Map<String, Function<Object[], Object>>) local.get(OPERATIONS);
            BooleanSupplier ready = (BooleanSupplier) local.get(READY);
            Function<Object[], Object> operation = operations == null ? null : operations.get(name);
            if (operation == null || ready == null || !ready.getAsBoolean()) {
                return new NotRun();
            }
            try {
                return operation.apply(args);
            } catch (ApiException e) {
                return new Refused(e);
            }
        }
    }

    /**
     * Whether every server node of the cluster says it is ready (loaded, its spill replayed, not stopping): one small
     * job per node. A node without this feature, or that does not answer within 5 s, counts as not ready.
     */
    public static boolean allServersReady(Ignite ignite) {
        try {
            java.util.Collection<Boolean> answers = ignite.compute(ignite.cluster().forServers()).withTimeout(5_000)
                .broadcast(new ReadyJob());
            return answers.size() == ignite.cluster().forServers().nodes().size() && answers.stream().allMatch(b -> b);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final class ReadyJob implements org.apache.ignite.lang.IgniteCallable<Boolean> {
        private static final long serialVersionUID = 1L;
        @org.apache.ignite.resources.IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public Boolean call() {
            BooleanSupplier ready = (BooleanSupplier) ignite.cluster().nodeLocalMap().get(READY);
            return ready != null && ready.getAsBoolean();
        }
    }
}
