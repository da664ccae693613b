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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Merchant API; the admin token is checked by AdminAuthFilter before any of this runs. */
@Tag(name = "merchants")
@Controller("/api/admin/products/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController { // not final: validation advice proxies it
    private final Merchant admin;
    private final Catalog catalog;

    AdminController(Merchant admin, Catalog catalog) {
        this.admin = admin;
        this.catalog = catalog;
    }

    @Operation(summary = "Create or replace a product", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the product, replaced",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "201", description = "the product, created",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Put
    HttpResponse<ProductResponse> upsert(String id, @Valid @Body ProductUpsertRequest body) {
        long productId = PathIds.productId(id);
        boolean created = admin.upsert(productId, body);
        ProductResponse p = catalog.product(productId);
        return created ? HttpResponse.created(p) : HttpResponse.ok(p);
    }

    @Operation(summary = "Change a price (every node serves it within 1 s)",
        security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the product",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Patch("/price")
    ProductResponse price(String id, @Valid @Body PriceRequest body) {
        long productId = PathIds.productId(id);
        admin.price(productId, body.price());
        return catalog.product(productId);
    }

    @Operation(summary = "Set the available stock", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the product",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Put("/stock")
    ProductResponse stock(String id, @Valid @Body StockRequest body) {
        long productId = PathIds.productId(id);
        admin.stock(productId, body.available());
        return catalog.product(productId);
    }
}
