package gridshop.platform;

import gridshop.api.platform.Limits;
import java.math.BigDecimal;

/**
 * The limits PostgreSQL's schema really has (the numbers are api's {@link Limits}, which the request records'
 * constraints and the OpenAPI document state too), checked where input arrives: whatever the API accepts, the
 * write-behind can store. Text: PostgreSQL's UTF-8 text refuses NUL, and no shop field wants control
 * characters or broken surrogate pairs. Money: price is NUMERIC(12,2), a cart's subtotal NUMERIC(12,2), an
 * order's total NUMERIC(14,2); with at most {@link #MAX_CART_LINES} lines of at most {@link #MAX_QUANTITY}
 * units each, a price up to {@link #MAX_PRICE} keeps every subtotal and total inside its column.
 */
public final class Inputs {
    public static final int MAX_QUANTITY = Limits.MAX_QUANTITY;
    public static final int MAX_CART_LINES = Limits.MAX_CART_LINES;
    public static final BigDecimal MAX_PRICE = new BigDecimal(Limits.MAX_PRICE);
    /** NUMERIC(12,2): the largest subtotal column {@code cart.subtotal} can hold. */
    public static final BigDecimal MAX_SUBTOTAL = new BigDecimal("9999999999.99");

    static {
        BigDecimal largestCart = MAX_PRICE.multiply(BigDecimal.valueOf((long) MAX_QUANTITY * MAX_CART_LINES));
        if (largestCart.compareTo(MAX_SUBTOTAL) > 0) {
            throw new ExceptionInInitializerError("input limits allow a cart PostgreSQL cannot store [largestCart="
                + largestCart + "]");
        }
    }

    private Inputs() {
    }

    /** A one-line text field: present, not blank, at most {@code max} characters, no control characters. */
    public static String text(String field, String value, int max) {
        if (value != null && value.isBlank()) {
            throw ApiException.badRequest(field + " must not be blank");
        }
        return check(field, value, max, false);
    }

    /** A text that may be blank and may hold tabs and line breaks (a description), at most {@code max} characters. */
    public static String longText(String field, String value, int max) {
        return check(field, value, max, true);
    }

    private static String check(String field, String value, int max, boolean multiline) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters [length=" + value.length() + "]");
        }
        int bad = firstForbidden(value, multiline);
        if (bad >= 0) {
            throw ApiException.badRequest(field + " contains a character that is not allowed at position " + bad
                + String.format(" [char=U+%04X]", (int) value.charAt(bad)));
        }
        return value;
    }

    /** Index of the first character a text field may not hold, or -1. */
    static int firstForbidden(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !(multiline && lineBreak)) || Character.isSurrogate(c)
                || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
        }
        return -1;
    }

    /** A price: greater than 0, at most {@link #MAX_PRICE}, at most two decimals; returned with scale 2. */
    public static BigDecimal price(BigDecimal price) {
        if (price == null) {
            throw ApiException.badRequest("price is required");
        }
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest("price must be greater than 0 and at most " + MAX_PRICE.toPlainString()
                + ", with at most two decimals [price=" + price.toPlainString() + "]");
        }
        return price.setScale(2);
    }
}
