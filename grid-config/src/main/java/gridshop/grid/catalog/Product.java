package gridshop.grid.catalog;

import gridshop.grid.platform.Versions;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;

/**
 * A catalog entry in cache {@code product} (key: its id). A plain final class, not a record: Ignite's binary
 * marshaller cannot build records.
 * {@code version} grows by one on each write; PostgreSQL keeps the highest it has seen, so a late flush from
 * a node that lost primaryship cannot overwrite a newer row.
 */
public final class Product implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private long id;
    private String sku;
    private String name;
    private String description;
    private String category;
    private String brand;
    private BigDecimal price;
    private double rating;
    private long version;
    private Timestamp updatedAt;

    public Product() {
    }

    public Product(long id, String sku, String name, String description, String category, String brand,
                   BigDecimal price, double rating, long version, Timestamp updatedAt) {
        this.id = id;
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.category = category;
        this.brand = brand;
        this.price = price;
        this.rating = rating;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    /** A copy with another price, one version newer. */
    public Product withPrice(BigDecimal newPrice, Timestamp at) {
        return new Product(id, sku, name, description, category, brand, newPrice, rating, Versions.next(version), at);
    }

    public long id() { return id; }
    public String sku() { return sku; }
    public String name() { return name; }
    public String description() { return description; }
    public String category() { return category; }
    public String brand() { return brand; }
    public BigDecimal price() { return price; }
    public double rating() { return rating; }
    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}
