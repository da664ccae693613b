package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** Answers on the event loop: a product is one key lookup, a page is an index walk and one batch lookup. */
@Controller("/api")
final class CatalogController {
    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Get("/products/{id}")
    ProductResponse product(String id) {
        return catalog.product(PathIds.productId(id));
    }

    @Get("/products")
    PageResponse<ProductResponse> search(HttpRequest<?> request) {
        return catalog.search(ProductQuery.parse(request.getParameters().asMap()));
    }

    @Get("/categories")
    List<CategoryResponse> categories() {
        return catalog.categories();
    }
}
