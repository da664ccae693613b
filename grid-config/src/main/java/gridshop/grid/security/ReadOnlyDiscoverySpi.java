package gridshop.grid.security;

import org.apache.ignite.IgniteException;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.managers.discovery.CustomMessageWrapper;
import org.apache.ignite.internal.processors.cache.binary.MetadataUpdateProposedMessage;
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
 * door they share. A read (any SELECT) sends no such message.
 * <p>
 * One kind passes: binary metadata (the field layout of a value type). An INSERT or a thin-client put
 * registers its layout before the write itself; letting that through changes no data, Ignite refuses layouts
 * that conflict with the shop's types, and the write is then refused by {@link ShopSecurity} with its reason.
 */
public final class ReadOnlyDiscoverySpi extends TcpDiscoverySpi {

    @Override
    public void sendCustomEvent(DiscoverySpiCustomMessage msg) throws IgniteException {
        if (ignite instanceof IgniteEx ex) {
            SecuritySubject subject = ex.context().security().securityContext().subject();
            Object what = msg instanceof CustomMessageWrapper w ? w.delegate() : msg;
            if (subject != null && subject.type() == SecuritySubjectType.REMOTE_CLIENT
                && !(what instanceof MetadataUpdateProposedMessage)) {
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

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable e) throws E {
        throw (E) e;
    }
}
