package gridshop.platform;

/**
 * Which of the partitions this node is primary for a new session should go to, if it can (see {@code SessionIds}):
 * a feature that wants a shopper's writes beside rows of its own says so here, so that the floor needs nothing from
 * upstairs. Any partition, when no feature has a wish.
 */
public interface SessionPlacement {
    boolean preferred(int partition);
}
