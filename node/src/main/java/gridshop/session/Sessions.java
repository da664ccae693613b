package gridshop.session;

import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;
import gridshop.platform.PathIds;

/**
 * Shopper sessions: in the grid ({@link SessionService}) or in PostgreSQL (the postgres-direct baseline, {@code
 * gridshop.direct.DirectSessions}).
 */
public interface Sessions {
    SessionCreatedResponse create(String customerId);

    /** The live session (an access: its expiry moves to now + idle), or 404. */
    SessionResponse get(String sessionId);

    static void checkCustomerId(String customerId) {
        if (customerId != null) {
            Inputs.text("customerId", customerId, PathIds.MAX_TEXT_ID);
        }
    }

    static ApiException notFound(String sessionId) {
        return ApiException.notHeld("no such session, or it has expired [sessionId=" + PathIds.shorten(sessionId) + "]");
    }
}
