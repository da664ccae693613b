package gridshop.ops;

import gridshop.api.ops.ConsistencyResponse;
import gridshop.platform.GridMode;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Grid ≡ PostgreSQL, checked on demand (ops token); runs on a blocking thread, never on the event loop. */
@GridMode
@Tag(name = "ops")
@Controller("/api/ops/consistency")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsistencyController {
    private final ConsistencyService consistency;

    ConsistencyController(ConsistencyService consistency) {
        this.consistency = consistency;
    }

    @Operation(summary = "Compare the grid with PostgreSQL over flushed rows",
        security = @SecurityRequirement(name = "opsToken"))
    @ApiResponse(responseCode = "200", description = "per table: rows and differences",
        content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = ConsistencyResponse.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get
    ConsistencyResponse check() {
        return consistency.check();
    }
}
