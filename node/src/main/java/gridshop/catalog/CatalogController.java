package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** Answers on the event loop: products and pages come rendered from the catalog (in grid mode, its index). */
@Controller("/api")
final class CatalogController {
    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Get("/products/{id}")
    HttpResponse<byte[]> product(String id) {
        return json(catalog.productJson(PathIds.productId(id)));
    }

    @Get("/products")
    HttpResponse<byte[]> search(HttpRequest<?> request) {
        return json(catalog.searchJson(ProductQuery.parse(request.getParameters().asMap())));
    }

    @Get("/categories")
    List<CategoryResponse> categories() {
        return catalog.categories();
    }

    private static HttpResponse<byte[]> json(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
