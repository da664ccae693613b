package gridshop.platform;

/**
 * A loop that runs for the node's life (flusher, relay, catalog feed). Each catches everything it meets and
 * beats; liveness goes DOWN when one has stopped or hangs, instead of the node looking healthy while, say,
 * nothing reaches PostgreSQL any more.
 */
public interface BackgroundLoop {
    String name();

    boolean alive();

    /** A loop whose liveness another object knows (the flusher lives in a module that does not know this type). */
    static BackgroundLoop of(String name, java.util.function.BooleanSupplier alive) {
        return new BackgroundLoop() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean alive() {
                return alive.getAsBoolean();
            }
        };
    }
}
