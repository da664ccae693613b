package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.platform.ApiException;
import java.util.List;

/** The catalog as shoppers read it: from the grid ({@link CatalogService}) or PostgreSQL ({@link DirectCatalog}). */
public interface Catalog {
    /** The product with its available stock, or 404. */
    ProductResponse product(long id);

    PageResponse<ProductResponse> search(ProductQuery q);

    List<CategoryResponse> categories();

    static ApiException noSuchProduct(long id) {
        return ApiException.notFound("no such product [productId=" + id + "]");
    }
}
