package gridshop.platform;

import gridshop.api.platform.Limits;

/** Path ids as they arrive: text, checked here so a bad one is a clear 400 rather than a routing 404. */
public final class PathIds {
    /** Longest text id (session, order, customer, Idempotency-Key) the shop accepts; longer ones exist nowhere. */
    public static final int MAX_TEXT_ID = Limits.MAX_TEXT_ID;

    private PathIds() {
    }

    public static long productId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest("product id must be a positive whole number [productId=" + shorten(raw) + "]");
    }

    /** An id as quoted back in an error message: never more than {@link #MAX_TEXT_ID} characters of it. */
    public static String shorten(String raw) {
        return raw.length() <= MAX_TEXT_ID ? raw : raw.substring(0, MAX_TEXT_ID) + "…";
    }
}
