package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** Product detail answers on the event loop (one key lookup); searches run SQL, so they go to the I/O pool. */
@Controller("/api")
final class CatalogController {
    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Get("/products/{id}")
    ProductResponse product(String id) {
        return catalog.product(PathIds.productId(id));
    }

    @Get("/products")
    @ExecuteOn(TaskExecutors.BLOCKING)
    PageResponse<ProductResponse> search(HttpRequest<?> request) {
        return catalog.search(ProductQuery.parse(request.getParameters().asMap()));
    }

    @Get("/categories")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<CategoryResponse> categories() {
        return catalog.categories();
    }
}
