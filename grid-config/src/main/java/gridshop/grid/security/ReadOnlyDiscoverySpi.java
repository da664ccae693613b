package gridshop.grid.security;

import org.apache.ignite.IgniteException;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.managers.discovery.CustomMessageWrapper;
import org.apache.ignite.internal.processors.cache.DynamicCacheChangeBatch;
import org.apache.ignite.internal.processors.cluster.ChangeGlobalStateMessage;
import org.apache.ignite.internal.processors.query.schema.SchemaOperationException;
import org.apache.ignite.internal.processors.query.schema.message.SchemaProposeDiscoveryMessage;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.apache.ignite.spi.discovery.DiscoverySpiCustomMessage;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;

/**
 * Discovery that refuses every cluster-wide change an analyst connection starts. Schema changes, cache
 * starts and stops, cluster state and baseline changes all travel as discovery messages sent from the thread
 * that asked for them, in that caller's security context; Ignite authorizes some of them (CREATE TABLE, DROP
 * TABLE, cluster state) but not CREATE INDEX, DROP INDEX or ALTER TABLE, so this refuses them all at the one
 * door they share.
 * <p>
 * Only those kinds are refused. Reads send others in the analyst's context too: a Calcite query registers
 * the class names and binary layouts of what it ships between nodes, and refusing that fails the node (a
 * critical error in a query thread). Those change no data.
 */
public final class ReadOnlyDiscoverySpi extends TcpDiscoverySpi {

    @Override
    public void sendCustomEvent(DiscoverySpiCustomMessage msg) throws IgniteException {
        if (ignite instanceof IgniteEx ex) {
            SecuritySubject subject = ex.context().security().securityContext().subject();
            Object what = msg instanceof CustomMessageWrapper w ? w.delegate() : msg;
            if (subject != null && subject.type() == SecuritySubjectType.REMOTE_CLIENT && isChange(what)) {
                String refusal = ShopSecurity.refusal(what.getClass().getSimpleName(), null);
                if (what instanceof SchemaProposeDiscoveryMessage) {
                    // The schema-change caller passes only this checked exception's own message on to the
                    // client; any other it reports as "unexpected", without the reason.
                    throw ReadOnlyDiscoverySpi.<RuntimeException>unchecked(new SchemaOperationException(refusal));
                }
                throw new SecurityException(refusal);
            }
        }
        super.sendCustomEvent(msg);
    }

    private static boolean isChange(Object msg) {
        return msg instanceof SchemaProposeDiscoveryMessage || msg instanceof DynamicCacheChangeBatch
            || msg instanceof ChangeGlobalStateMessage;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }
}
