package gridshop.order;

import gridshop.platform.ShopperIds;
import gridshop.api.order.OrderResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "shoppers")
@Controller("/api")
final class OrderController {
    private final Orders orders;
    private final ShopperIds ids;

    OrderController(Orders orders, ShopperIds ids) {
        this.orders = orders;
        this.ids = ids;
    }

    @Operation(summary = "An order")
    @ApiResponse(responseCode = "200", description = "the order",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class)))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get("/orders/{orderId}")
    OrderResponse get(String orderId) {
        return Orders.signed(orders.get(ids.openOrder(orderId)), ids);
    }

    @Operation(summary = "The session's orders, newest first")
    @ApiResponse(responseCode = "200", description = "the orders",
        content = @Content(mediaType = "application/json",
        array = @ArraySchema(schema = @Schema(implementation = OrderResponse.class))))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get("/sessions/{sessionId}/orders")
    @ExecuteOn(TaskExecutors.BLOCKING)
    List<OrderResponse> ofSession(String sessionId) {
        return orders.ofSession(ids.openSession(sessionId)).stream().map(o -> Orders.signed(o, ids)).toList();
    }
}
