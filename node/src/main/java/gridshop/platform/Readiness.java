package gridshop.platform;

/**
 * Whether this node has finished starting (joined, loaded, its partitions up to date) and is not stopping. The
 * lifecycle room answers it; the floor asks, so that it needs nothing from upstairs.
 */
public interface Readiness {
    boolean ready();
}
