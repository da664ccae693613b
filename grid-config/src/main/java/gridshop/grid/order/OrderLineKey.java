package gridshop.grid.order;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/** Key of cache {@code order_line}: mapped by the order id, so an order's lines live in the order's partition. */
public final class OrderLineKey implements Comparable<OrderLineKey>, Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private static final Comparator<OrderLineKey> ORDER =
        Comparator.comparing((OrderLineKey k) -> k.orderId).thenComparingInt(k -> k.lineNo);

    @AffinityKeyMapped
    private String orderId;
    private int lineNo;

    public OrderLineKey() {
    }

    public OrderLineKey(String orderId, int lineNo) {
        this.orderId = orderId;
        this.lineNo = lineNo;
    }

    public String orderId() { return orderId; }
    public int lineNo() { return lineNo; }

    @Override
    public int compareTo(OrderLineKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderLineKey k && k.orderId.equals(orderId) && k.lineNo == lineNo;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, lineNo);
    }

    @Override
    public String toString() {
        return orderId + "#" + lineNo;
    }
}
