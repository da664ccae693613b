package gridshop.grid.order;

import java.io.Serializable;
import java.math.BigDecimal;

/** One line of an order as placed: name, category, brand and price as they were at checkout. */
public final class OrderItem implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 2L;
    private long productId;
    private String name;
    private String category;
    private String brand;
    private BigDecimal unitPrice;
    private int quantity;

    public OrderItem() {
    }

    public OrderItem(long productId, String name, String category, String brand, BigDecimal unitPrice,
                     int quantity) {
        this.productId = productId;
        this.name = name;
        this.category = category;
        this.brand = brand;
        this.unitPrice = unitPrice;
        this.quantity = quantity;
    }

    public BigDecimal lineTotal() {
        return lineTotal(unitPrice, quantity);
    }

    /** What {@code quantity} units at {@code unitPrice} come to: an order line's total, and a product's sales. */
    public static BigDecimal lineTotal(BigDecimal unitPrice, int quantity) {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public long productId() { return productId; }
    public String name() { return name; }
    public String category() { return category; }
    public String brand() { return brand; }
    public BigDecimal unitPrice() { return unitPrice; }
    public int quantity() { return quantity; }
}
