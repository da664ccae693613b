package gridshop.grid.order;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;

/** A row of table ORDER_LINE: carries name, category, brand and unit price at order time, so aggregations need no join. */
public final class OrderLine implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 2L;
    private String orderId;
    private int lineNo;
    private long productId;
    private String name;
    private String category;
    private String brand;
    private int quantity;
    private BigDecimal unitPrice;
    private BigDecimal lineTotal;
    private Timestamp createdAt;

    public OrderLine() {
    }

    public OrderLine(String orderId, int lineNo, OrderItem item, Timestamp createdAt) {
        this(orderId, lineNo, item.productId(), item.name(), item.category(), item.brand(), item.quantity(), item.unitPrice(), createdAt);
    }

    public OrderLine(String orderId, int lineNo, long productId, String name, String category, String brand,
                     int quantity, BigDecimal unitPrice, Timestamp createdAt) {
        this.orderId = orderId;
        this.lineNo = lineNo;
        this.productId = productId;
        this.name = name;
        this.category = category;
        this.brand = brand;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.lineTotal = OrderItem.lineTotal(unitPrice, quantity);
        this.createdAt = createdAt;
    }

    public OrderLineKey key() {
        return new OrderLineKey(orderId, lineNo);
    }

    public String orderId() { return orderId; }
    public int lineNo() { return lineNo; }
    public long productId() { return productId; }
    public String name() { return name; }
    public String category() { return category; }
    public String brand() { return brand; }
    public int quantity() { return quantity; }
    public BigDecimal unitPrice() { return unitPrice; }
    public BigDecimal lineTotal() { return lineTotal; }
    public Timestamp createdAt() { return createdAt; }
}
