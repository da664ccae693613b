package gridshop.platform;

import jakarta.inject.Singleton;

/** Ready = joined to the grid and the start-up load from PostgreSQL is done. */
@Singleton
public final class NodeReadiness {
    private volatile boolean ready;
    private volatile String state = "starting";

    public boolean ready() {
        return ready;
    }

    public String state() {
        return state;
    }

    void state(String s) {
        state = s;
    }

    void markReady() {
        state = "ready";
        ready = true;
    }
}
