package gridshop.grid.cart;

import gridshop.grid.platform.Versions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A shopper's cart in cache {@code cart}, keyed by the session id, so it lives in the session's partition.
 * {@code itemCount} and {@code subtotal} are kept as scalar fields so analysts can query table CART.
 * Immutable: every change makes a new cart one version newer.
 */
public final class Cart implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private String sessionId;
    private ArrayList<CartLine> lines;
    private int itemCount;
    private BigDecimal subtotal;
    private long version;
    private Timestamp updatedAt;

    public Cart() {
    }

    public Cart(String sessionId, List<CartLine> lines, long version, Timestamp updatedAt) {
        this.sessionId = sessionId;
        this.lines = new ArrayList<>(lines);
        this.itemCount = lines.stream().mapToInt(CartLine::quantity).sum();
        this.subtotal = lines.stream().map(CartLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, RoundingMode.HALF_UP);
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public static Cart empty(String sessionId) {
        return new Cart(sessionId, List.of(), 0, null);
    }

    /** This cart with the line for the product replaced (or added at the end). */
    public Cart withLine(CartLine line, Timestamp at) {
        List<CartLine> next = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (CartLine l : lines) {
            if (l.productId() == line.productId()) {
                next.add(line);
                replaced = true;
            } else {
                next.add(l);
            }
        }
        if (!replaced) {
            next.add(line);
        }
        return new Cart(sessionId, next, Versions.next(version), at);
    }

    public Cart withoutLine(long productId, Timestamp at) {
        List<CartLine> next = new ArrayList<>(lines);
        next.removeIf(l -> l.productId() == productId);
        return new Cart(sessionId, next, Versions.next(version), at);
    }

    public boolean hasLine(long productId) {
        return lines.stream().anyMatch(l -> l.productId() == productId);
    }

    public String sessionId() { return sessionId; }
    public List<CartLine> lines() { return Collections.unmodifiableList(lines); }
    public int itemCount() { return itemCount; }
    public BigDecimal subtotal() { return subtotal; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
