package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.platform.ApiException;
import java.math.BigDecimal;

/** Checks a merchant's product fields; each rule names the field and the value that broke it. */
final class ProductInput {
    static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private ProductInput() {
    }

    static void check(long pathId, ProductUpsertRequest p) {
        if (p.id() != null && p.id() != pathId) {
            throw ApiException.badRequest("id in the body differs from the path [body=" + p.id() + ", path=" + pathId + "]");
        }
        text("sku", p.sku(), 64, true);
        text("name", p.name(), 200, true);
        text("description", p.description(), 4000, false);
        text("category", p.category(), 100, true);
        text("brand", p.brand(), 100, true);
        price(p.price());
        if (p.rating() == null || p.rating().isNaN() || p.rating() < 0 || p.rating() > 5) {
            throw ApiException.badRequest("rating must be a number from 0 to 5 [rating=" + p.rating() + "]");
        }
    }

    static BigDecimal price(BigDecimal price) {
        if (price == null) {
            throw ApiException.badRequest("price is required");
        }
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest("price must be greater than 0 with at most two decimals [price=" + price.toPlainString() + "]");
        }
        return price.setScale(2);
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null || (required && value.isBlank())) {
            throw ApiException.badRequest(field + " is required");
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
    }
}
