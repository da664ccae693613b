package gridshop.api.platform;

/**
 * The one set of input limits: the constraint annotations on the request records (which the node validates and
 * the OpenAPI document states) and the node's own checks use these numbers, and they are what PostgreSQL can
 * store: price NUMERIC(12,2) with CHECK (price > 0), available INTEGER with CHECK (available >= 0), a cart's
 * subtotal NUMERIC(12,2) (at most {@link #MAX_CART_LINES} lines of {@link #MAX_QUANTITY} units at
 * {@link #MAX_PRICE}). Text columns are TEXT; their lengths are the shop's.
 */
public final class Limits {
    public static final int MAX_QUANTITY = 99;
    public static final int MAX_CART_LINES = 100;
    public static final String MIN_PRICE = "0.01";
    public static final String MAX_PRICE = "1000000.00";
    /** Digits before the decimal point in NUMERIC(12,2). */
    public static final int PRICE_INTEGER_DIGITS = 10;
    public static final int PRICE_FRACTION_DIGITS = 2;
    public static final int MAX_RATING = 5;
    public static final int MAX_SKU = 64;
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_CATEGORY = 100;
    public static final int MAX_BRAND = 100;
    /**
     * Synonyms: at most this many groups, each of 2 to {@link #MAX_SYNONYM_WORDS} words of at most
     * {@link #MAX_SYNONYM_WORD} characters. Every node's index holds every group and a query word expands to every
     * group it is in, so the roofs keep both the heap and a search's expansion small.
     */
    public static final int MAX_SYNONYM_GROUPS = 500;
    public static final int MAX_SYNONYM_WORDS = 20;
    public static final int MAX_SYNONYM_WORD = 50;
    /** Session ids, customer ids, Idempotency-Keys, dead-letter and report ids. */
    public static final int MAX_TEXT_ID = 64;

    private Limits() {
    }
}
