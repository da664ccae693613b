package gridshop.platform;

/**
 * A loop that runs for the node's life (flusher, relay, catalog feed). Each catches everything it meets and
 * beats; liveness goes DOWN when one has stopped or hangs, instead of the node looking healthy while, say,
 * nothing reaches PostgreSQL any more.
 */
public interface BackgroundLoop {
    String name();

    boolean alive();
}
