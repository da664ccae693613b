package gridshop.grid.order;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A placed order in cache {@code orders}. Immutable once placed; it keeps its items so that reading an order
 * is one key lookup (cache {@code order_line} holds the same lines as rows for analysts).
 */
public final class Order implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    public static final String PLACED = "PLACED";

    private String orderId;
    private String sessionId;
    private String status;
    private BigDecimal total;
    private int itemCount;
    private String idempotencyKey;
    private ArrayList<OrderItem> items;
    private long version;
    private Timestamp createdAt;

    public Order() {
    }

    public Order(String orderId, String sessionId, String status, List<OrderItem> items, String idempotencyKey,
                 long version, Timestamp createdAt) {
        this.orderId = orderId;
        this.sessionId = sessionId;
        this.status = status;
        this.items = new ArrayList<>(items);
        this.total = items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2, RoundingMode.HALF_UP);
        this.itemCount = items.stream().mapToInt(OrderItem::quantity).sum();
        this.idempotencyKey = idempotencyKey;
        this.version = version;
        this.createdAt = createdAt;
    }

    public String orderId() { return orderId; }
    public String sessionId() { return sessionId; }
    public String status() { return status; }
    public BigDecimal total() { return total; }
    public int itemCount() { return itemCount; }
    public String idempotencyKey() { return idempotencyKey; }
    public List<OrderItem> items() { return Collections.unmodifiableList(items); }
    public long version() { return version; }
    public Timestamp createdAt() { return createdAt; }
}
