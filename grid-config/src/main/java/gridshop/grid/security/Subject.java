package gridshop.grid.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * A server node or the analyst, as Ignite's security sees them. Serializable: a node's subject travels in its
 * discovery attributes. Every analyst connection shares one subject id, so that the other nodes, which run the
 * map phase of an analyst's query, can look it up without a session of their own.
 */
final class Subject implements SecuritySubject, SecurityContext {
    private static final long serialVersionUID = 1L;
    static final UUID ANALYST_ID = UUID.nameUUIDFromBytes("gridshop-analyst".getBytes(StandardCharsets.UTF_8));

    private final UUID id;
    private final SecuritySubjectType type;
    private final Object login;
    private final InetSocketAddress address;

    private Subject(UUID id, SecuritySubjectType type, Object login, InetSocketAddress address) {
        this.id = id;
        this.type = type;
        this.login = login;
        this.address = address;
    }

    static Subject node(UUID id, Object consistentId) {
        return new Subject(id, SecuritySubjectType.REMOTE_NODE, consistentId, null);
    }

    static Subject analyst(String user, InetSocketAddress address) {
        return new Subject(ANALYST_ID, SecuritySubjectType.REMOTE_CLIENT, user, address);
    }

    boolean isNode() {
        return type == SecuritySubjectType.REMOTE_NODE;
    }

    @Override
    public SecuritySubject subject() {
        return this;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public SecuritySubjectType type() {
        return type;
    }

    @Override
    public Object login() {
        return login;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String toString() {
        return type + ":" + login;
    }
}
