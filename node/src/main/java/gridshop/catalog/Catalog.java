package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.index.ProductQuery;
import gridshop.platform.ApiException;
import java.util.List;

/**
 * The catalog as shoppers read it: from this node's catalog index and the grid ({@link CatalogService}) or from
 * PostgreSQL (the postgres-direct baseline, {@code gridshop.direct.DirectCatalog}). Shopper reads answer JSON
 * bytes (a {@link ProductResponse}, or a page of them), which the grid keeps rendered.
 */
public interface Catalog {
    /** The product with its available stock as stored now (what a merchant's write answers), or 404. */
    ProductResponse product(long id);

    /** The JSON of the product as shoppers see it, or 404. */
    byte[] productJson(long id);

    /** The JSON of one page of a search ({@code PageResponse} of products). */
    byte[] searchJson(ProductQuery q);

    List<CategoryResponse> categories();

    /** The JSON of the completions of a half-typed query, most products first (a list of {@link SuggestionResponse}). */
    byte[] suggestJson(SuggestQuery q);

    static ApiException noSuchProduct(long id) {
        return ApiException.notHeld("no such product [productId=" + id + "]");
    }
}
