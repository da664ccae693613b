package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;

/** Checks a merchant's product fields; each rule names the field and the value that broke it. */
final class ProductInput {
    private ProductInput() {
    }

    static void check(long pathId, ProductUpsertRequest p) {
        if (p.id() != null && p.id() != pathId) {
            throw ApiException.badRequest("id in the body differs from the path [body=" + p.id() + ", path=" + pathId + "]");
        }
        Inputs.text("sku", p.sku(), 64);
        Inputs.text("name", p.name(), 200);
        Inputs.longText("description", p.description(), 4000);
        Inputs.text("category", p.category(), 100);
        Inputs.text("brand", p.brand(), 100);
        Inputs.price(p.price());
        if (p.rating() == null || p.rating().isNaN() || p.rating() < 0 || p.rating() > 5) {
            throw ApiException.badRequest("rating must be a number from 0 to 5 [rating=" + p.rating() + "]");
        }
    }
}
