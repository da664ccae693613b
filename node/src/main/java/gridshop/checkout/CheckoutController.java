package gridshop.checkout;

import gridshop.api.order.OrderResponse;
import gridshop.order.Orders;
import gridshop.platform.ShopperIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

@Tag(name = "shoppers")
@Controller("/api/sessions/{sessionId}/checkout")
final class CheckoutController {
    private final Checkout checkout;
    private final ShopperIds ids;

    CheckoutController(Checkout checkout, ShopperIds ids) {
        this.checkout = checkout;
        this.ids = ids;
    }

    /** 201 with the new order; 200 with the same order when the Idempotency-Key was used before. */
    @Operation(summary = "Place an order from the session's cart")
    @ApiResponse(responseCode = "201", description = "the new order; Location names it",
        content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = OrderResponse.class)),
        headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "the new order", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "the order placed before with the same Idempotency-Key",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true,
        description = "the same key places the order once",
        schema = @Schema(type = "string", minLength = 1, maxLength = 64))
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<OrderResponse> checkout(String sessionId, @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Checkout.Placed placed = checkout.checkout(ids.openSession(sessionId), idempotencyKey);
        OrderResponse body = Orders.signed(placed.order(), ids);
        return placed.created()
            ? HttpResponse.created(body, URI.create("/api/orders/" + body.orderId()))
            : HttpResponse.ok(body);
    }
}
