package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.index.ProductQuery;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Answers on the event loop: products and pages come rendered from the catalog (in grid mode, its index). */
@Tag(name = "shoppers")
@Controller("/api")
final class CatalogController {
    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "A product")
    @ApiResponse(responseCode = "200", description = "the product",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get("/products/{id}")
    HttpResponse<byte[]> product(String id) {
        return json(catalog.productJson(PathIds.productId(id)));
    }

    @Operation(summary = "Search and browse the catalog")
    @ApiResponse(responseCode = "200", description = "a page of products",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = PageResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "words of name or description",
        schema = @Schema(type = "string", maxLength = 200))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "a category name",
        schema = @Schema(type = "string"))
    @Parameter(name = "brand", in = ParameterIn.QUERY, description = "a brand name", schema = @Schema(type = "string"))
    @Parameter(name = "minPrice", in = ParameterIn.QUERY, description = "lowest price",
        schema = @Schema(type = "number", minimum = "0"))
    @Parameter(name = "maxPrice", in = ParameterIn.QUERY, description = "highest price",
        schema = @Schema(type = "number", minimum = "0"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "order of the results",
        schema = @Schema(type = "string", allowableValues = {"price", "-price", "name", "-rating"}))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "page number, from 0",
        schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "products per page",
        schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
    @Get("/products")
    HttpResponse<byte[]> search(HttpRequest<?> request) {
        return json(catalog.searchJson(ProductQuery.parse(request.getParameters().asMap())));
    }

    @Operation(summary = "Every category with its product count, by name")
    @ApiResponse(responseCode = "200", description = "the categories",
        content = @Content(mediaType = "application/json",
        array = @ArraySchema(schema = @Schema(implementation = CategoryResponse.class))))
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get("/categories")
    List<CategoryResponse> categories() {
        return catalog.categories();
    }

    private static HttpResponse<byte[]> json(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
