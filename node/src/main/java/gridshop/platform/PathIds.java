package gridshop.platform;

/** Path ids as they arrive: text, checked here so a bad one is a clear 400 rather than a routing 404. */
public final class PathIds {
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

    static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
