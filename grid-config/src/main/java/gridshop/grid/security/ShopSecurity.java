package gridshop.grid.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.internal.processors.GridProcessorAdapter;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.AuthenticationContext;
import org.apache.ignite.plugin.security.SecurityCredentials;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.apache.ignite.spi.IgniteNodeValidationResult;

/**
 * The grid's security for an in-memory cluster (Ignite's own authentication needs native persistence).
 * <ul>
 *   <li>A server node joins only with the cluster secret (its credentials, checked by the coordinator), and only
 *       if it writes behind into the cluster's PostgreSQL database ({@link DatabaseCheck}).</li>
 *   <li>A JDBC or thin-client connection must give the analyst's user and password, and may then only read the
 *       caches of the contract's SQL tables: every put, remove, clear, cache or table create/destroy, cluster
 *       state change, task or admin operation it asks for is refused. Schema changes that Ignite does not
 *       authorize (CREATE INDEX, ALTER TABLE) are refused by {@link ReadOnlyDiscoverySpi}.</li>
 * </ul>
 * Ignite calls this for every checked operation; nodes (the shop itself) may do everything.
 */
final class ShopSecurity extends GridProcessorAdapter implements GridSecurityProcessor {
    static final String NODE_LOGIN = "gridshop-node";

    private final Access access;
    private final IgniteLogger log;

    ShopSecurity(GridKernalContext ctx, Access access) {
        super(ctx);
        this.access = access;
        this.log = ctx.log(ShopSecurity.class);
    }

    @Override
    public void start() {
        ctx.addNodeAttribute(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS,
            new SecurityCredentials(NODE_LOGIN, access.clusterSecret()));
    }

    @Override
    public SecurityContext authenticateNode(ClusterNode node, SecurityCredentials cred) {
        if (cred != null && NODE_LOGIN.equals(cred.getLogin())
            && access.isClusterSecret(String.valueOf(cred.getPassword()))) {
            return Subject.node(node.id(), node.consistentId());
        }
        log.warning("A node was refused: it does not present this cluster's secret (gridshop.cluster.secret) [node="
            + node.consistentId() + ", addresses=" + node.addresses() + "]");
        return null;
    }

    /** Run by the coordinator after authentication: a node that writes into another database is refused. */
    @Override
    public IgniteNodeValidationResult validateNode(ClusterNode node) {
        Optional<String> theirs = DatabaseCheck.of(node);
        if (theirs.isEmpty()) {
            return null;
        }
        Optional<String> ours = DatabaseCheck.conflict(theirs.get(), ctx.discovery().allNodes(), node.id());
        if (ours.isEmpty()) {
            return null;
        }
        String why = DatabaseCheck.refusal(theirs.get(), ours.get());
        log.warning("A node was refused: " + why + " [node=" + node.consistentId() + ", addresses=" + node.addresses() + "]");
        return new IgniteNodeValidationResult(node.id(), DatabaseCheck.REFUSED + why);
    }

    @Override
    public boolean isGlobalNodeAuthentication() {
        return false;
    }

    @Override
    public SecurityContext authenticate(AuthenticationContext auth) {
        SecurityCredentials cred = auth.credentials();
        if (auth.subjectType() == SecuritySubjectType.REMOTE_CLIENT && cred != null
            && access.isAnalyst(cred.getLogin(), cred.getPassword() == null ? null : String.valueOf(cred.getPassword()))) {
            return Subject.analyst(access.analystUser(), auth.address());
        }
        log.warning("An analyst connection was refused: wrong user or password [user="
            + (cred == null ? null : cred.getLogin()) + ", from=" + auth.address() + "]");
        return null;
    }

    @Override
    public Collection<SecuritySubject> authenticatedSubjects() {
        return List.of(Subject.analyst(access.analystUser(), null));
    }

    @Override
    public SecuritySubject authenticatedSubject(UUID subjId) {
        SecurityContext c = securityContext(subjId);
        return c == null ? null : c.subject();
    }

    @Override
    public SecurityContext securityContext(UUID subjId) {
        return Subject.ANALYST_ID.equals(subjId) ? Subject.analyst(access.analystUser(), null) : null;
    }

    @Override
    public void authorize(String name, SecurityPermission perm, SecurityContext securityCtx) throws SecurityException {
        SecuritySubject subject = securityCtx == null ? null : securityCtx.subject();
        if (subject != null && subject.type() == SecuritySubjectType.REMOTE_NODE) {
            return;
        }
        if (perm == SecurityPermission.CACHE_READ && name != null && access.analystTables().contains(name)) {
            return;
        }
        throw new SecurityException(refusal(perm, name));
    }

    static String refusal(Object what, String name) {
        return "analyst access is read-only: " + what + (name == null ? "" : " on " + name)
            + " refused (the shop writes through its API, so that PostgreSQL stays the system of record)";
    }

    @Override
    public void onSessionExpired(UUID subjId) {
        // Analysts share one stateless subject: nothing to forget.
    }

    @Override
    public boolean enabled() {
        return true;
    }
}
