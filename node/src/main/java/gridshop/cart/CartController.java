package gridshop.cart;

import gridshop.api.cart.CartResponse;
import gridshop.api.cart.QuantityRequest;
import gridshop.platform.PathIds;
import gridshop.platform.ShopperIds;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Tag(name = "shoppers")
@Controller("/api/sessions/{sessionId}/cart")
class CartController { // not final: validation advice proxies it
    private final Carts carts;
    private final ShopperIds ids;

    CartController(Carts carts, ShopperIds ids) {
        this.carts = carts;
        this.ids = ids;
    }

    /** The cart with the session id the shopper holds (signed: see {@link ShopperIds}). */
    private CartResponse signed(CartResponse c) {
        return new CartResponse(ids.session(c.sessionId()), c.items(), c.itemCount(), c.subtotal());
    }

    @Operation(summary = "The session's cart")
    @ApiResponse(responseCode = "200", description = "the cart (empty for a new session)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = CartResponse.class)))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get
    CartResponse get(String sessionId) {
        return signed(carts.get(ids.openSession(sessionId)));
    }

    @Operation(summary = "Set the quantity of a product in the cart")
    @ApiResponse(responseCode = "200", description = "the cart",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = CartResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Put("/items/{productId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CartResponse put(String sessionId, String productId, @Valid @Body QuantityRequest body) {
        return signed(carts.setQuantity(ids.openSession(sessionId), PathIds.productId(productId), body.quantity()));
    }

    @Operation(summary = "Remove a product from the cart")
    @ApiResponse(responseCode = "200", description = "the cart",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = CartResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Delete("/items/{productId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CartResponse delete(String sessionId, String productId) {
        return signed(carts.remove(ids.openSession(sessionId), PathIds.productId(productId)));
    }
}
