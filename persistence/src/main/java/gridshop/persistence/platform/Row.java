package gridshop.persistence.platform;

/** One entity to write to PostgreSQL: its table, its grid key and its current grid value. */
public record Row(DurableTable<?, ?> table, Object key, Object value) {
}
