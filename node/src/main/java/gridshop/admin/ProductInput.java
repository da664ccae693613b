package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.api.platform.Limits;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;

/** Checks a merchant's product fields; each rule names the field and the value that broke it. */
public final class ProductInput {
    private ProductInput() {
    }

    public static void check(long pathId, ProductUpsertRequest p) {
        if (p.id() != null && p.id() != pathId) {
            throw ApiException.badRequest("id in the body differs from the path [body=" + p.id() + ", path=" + pathId + "]");
        }
        Inputs.text("sku", p.sku(), Limits.MAX_SKU);
        Inputs.text("name", p.name(), Limits.MAX_NAME);
        Inputs.longText("description", p.description(), Limits.MAX_DESCRIPTION);
        Inputs.text("category", p.category(), Limits.MAX_CATEGORY);
        Inputs.text("brand", p.brand(), Limits.MAX_BRAND);
        Inputs.price(p.price());
        if (p.rating() == null || p.rating().isNaN() || p.rating() < 0 || p.rating() > Limits.MAX_RATING) {
            throw ApiException.badRequest("rating must be a number from 0 to 5 [rating=" + p.rating() + "]");
        }
    }
}
