package gridshop.lifecycle;

import gridshop.platform.Readiness;
import jakarta.inject.Singleton;

/**
 * Ready = joined to the grid and the start-up load from PostgreSQL is done. Once the node begins to stop it is
 * not ready again: readiness says "stopping" and the API answers 503, so clients go to another node while the
 * requests in flight finish before the grid stops.
 */
@Singleton
public final class NodeReadiness implements Readiness {
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile String state = "starting";

    @Override
    public boolean ready() {
        return ready;
    }

    public String state() {
        return state;
    }

    public boolean stopping() {
        return stopping;
    }

    void state(String s) {
        if (!stopping) {
            state = s;
        }
    }

    void markReady() {
        if (!stopping) {
            state = "ready";
            ready = true;
        }
    }

    void markStopping() {
        stopping = true;
        ready = false;
        // a start-up that failed keeps saying why while the node stops
        state = state != null && state.startsWith("failed") ? state + " (stopping)" : "stopping";
    }
}
