package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.catalog.SuggestionResponse;
import gridshop.catalog.index.ProductQuery;
import gridshop.platform.PathIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
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
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "words of name, brand or description; the last one also "
        + "as a prefix; a word with no exact match also within 1 edit from 5 letters, 2 from 9",
        schema = @Schema(type = "string", maxLength = 200))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "a category name; repeated: any of them",
        explode = Explode.TRUE, array = @ArraySchema(schema = @Schema(type = "string", maxLength = 200), maxItems = 20))
    @Parameter(name = "brand", in = ParameterIn.QUERY, description = "a brand name; repeated: any of them",
        explode = Explode.TRUE, array = @ArraySchema(schema = @Schema(type = "string", maxLength = 200), maxItems = 20))
    @Parameter(name = "minPrice", in = ParameterIn.QUERY, description = "lowest price",
        schema = @Schema(type = "number", minimum = "0"))
    @Parameter(name = "maxPrice", in = ParameterIn.QUERY, description = "highest price",
        schema = @Schema(type = "number", minimum = "0"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "order of the results; relevance is the default when q "
        + "is given (see the README's ranking rules), else the order by id",
        schema = @Schema(type = "string", allowableValues = {"relevance", "price", "-price", "name", "-rating"}))
    @Parameter(name = "typos", in = ParameterIn.QUERY, description = "false: words match exactly (and the last as a prefix)",
        schema = @Schema(type = "boolean", defaultValue = "true"))
    @Parameter(name = "facets", in = ParameterIn.QUERY, description = "comma list of category, brand, price, rating: "
        + "adds exact, disjunctive counts per value to the page", schema = @Schema(type = "string",
        pattern = "^(category|brand|price|rating)(,(category|brand|price|rating))*$"))
    @Parameter(name = "highlight", in = ParameterIn.QUERY, description = "true: each item gets highlight.name and "
        + "highlight.description, HTML-escaped, matched words in <em>", schema = @Schema(type = "boolean",
        defaultValue = "false"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "page number, from 0",
        schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "products per page",
        schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
    @Get("/products")
    HttpResponse<byte[]> search(HttpRequest<?> request) {
        return json(catalog.searchJson(ProductQuery.parse(request.getParameters().asMap())));
    }

    @Operation(summary = "Completions of a half-typed search, most products first")
    @ApiResponse(responseCode = "200", description = "the completions",
        content = @Content(mediaType = "application/json",
        array = @ArraySchema(schema = @Schema(implementation = SuggestionResponse.class))))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Parameter(name = "q", in = ParameterIn.QUERY, required = true, description = "what the shopper typed so far; the "
        + "last word is completed", schema = @Schema(type = "string", minLength = 1, maxLength = 200))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "completions at most",
        schema = @Schema(type = "integer", minimum = "1", maximum = "20", defaultValue = "8"))
    @Get("/suggest")
    HttpResponse<byte[]> suggest(HttpRequest<?> request) {
        return json(catalog.suggestJson(SuggestQuery.parse(request.getParameters().asMap())));
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
