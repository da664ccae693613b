package gridshop.grid.cart;

import java.io.Serializable;
import java.math.BigDecimal;

/** One line of a cart: the product's name and price as they were when the line was last set. */
public final class CartLine implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private long productId;
    private String name;
    private BigDecimal unitPrice;
    private int quantity;

    public CartLine() {
    }

    public CartLine(long productId, String name, BigDecimal unitPrice, int quantity) {
        this.productId = productId;
        this.name = name;
        this.unitPrice = unitPrice;
        this.quantity = quantity;
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public long productId() { return productId; }
    public String name() { return name; }
    public BigDecimal unitPrice() { return unitPrice; }
    public int quantity() { return quantity; }
}
