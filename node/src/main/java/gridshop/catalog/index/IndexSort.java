package gridshop.catalog.index;

import java.util.Comparator;

/** The sort orders of {@code GET /api/products}; ties are broken by id, as in SQL. */
public enum IndexSort {
    ID(Comparator.comparingLong(IndexItem::id)),
    PRICE(Comparator.comparingLong(IndexItem::cents).thenComparingLong(IndexItem::id)),
    PRICE_DESC(Comparator.comparingLong(IndexItem::cents).reversed().thenComparingLong(IndexItem::id)),
    NAME(Comparator.comparing(IndexItem::name).thenComparingLong(IndexItem::id)),
    RATING_DESC(Comparator.comparingDouble(IndexItem::rating).reversed().thenComparingLong(IndexItem::id));

    final Comparator<IndexItem> order;

    IndexSort(Comparator<IndexItem> order) {
        this.order = order;
    }

    public static IndexSort of(String sort) {
        if (sort == null) {
            return ID;
        }
        return switch (sort) {
            case "price" -> PRICE;
            case "-price" -> PRICE_DESC;
            case "name" -> NAME;
            case "-rating" -> RATING_DESC;
            // Without words every product is as relevant as any other: the tie-breaks, rating then id, order them.
            case "relevance" -> RATING_DESC;
            default -> throw new IllegalArgumentException("unchecked sort [sort=" + sort + "]");
        };
    }

    /** Slots compared by their items in this order. */
    SlotOrder over(IndexItem[] items) {
        return (a, b) -> order.compare(items[a], items[b]);
    }

    /** A comparison of two slots. */
    interface SlotOrder {
        int compare(int a, int b);
    }
}
