package gridshop.admin;

import gridshop.api.admin.PriceRequest;
import gridshop.api.admin.ProductUpsertRequest;
import gridshop.api.admin.StockRequest;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.Catalog;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Merchant API; the admin token is checked by AdminAuthFilter before any of this runs. */
@Controller("/api/admin/products/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {
    private final Merchant admin;
    private final Catalog catalog;

    AdminController(Merchant admin, Catalog catalog) {
        this.admin = admin;
        this.catalog = catalog;
    }

    @Put
    HttpResponse<ProductResponse> upsert(String id, @Body ProductUpsertRequest body) {
        long productId = PathIds.productId(id);
        boolean created = admin.upsert(productId, body);
        ProductResponse p = catalog.product(productId);
        return created ? HttpResponse.created(p) : HttpResponse.ok(p);
    }

    @Patch("/price")
    ProductResponse price(String id, @Body PriceRequest body) {
        long productId = PathIds.productId(id);
        admin.price(productId, body.price());
        return catalog.product(productId);
    }

    @Put("/stock")
    ProductResponse stock(String id, @Body StockRequest body) {
        long productId = PathIds.productId(id);
        admin.stock(productId, body.available());
        return catalog.product(productId);
    }
}
