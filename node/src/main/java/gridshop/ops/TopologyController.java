package gridshop.ops;

import gridshop.api.ops.TopologyConfirmation;
import gridshop.api.ops.TopologyResponse;
import gridshop.platform.GridMode;
import gridshop.platform.Quorum;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The grid's topology for ops ({@code GET}), and the confirmation of a smaller topology as the new stable one
 * ({@code POST /confirm}): after a loss ops know to be final (the missing nodes will not return), the node they
 * confirm on writes again. Confirm on every node of the side to keep.
 */
@GridMode
@Tag(name = "ops")
@Controller("/api/ops/topology")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TopologyController {
    private final Quorum quorum;
    private final TopologyService topology;

    TopologyController(Quorum quorum, TopologyService topology) {
        this.quorum = quorum;
        this.topology = topology;
    }

    @Operation(summary = "The cluster's topology", security = @SecurityRequirement(name = "opsToken"))
    @ApiResponse(responseCode = "200", description = "nodes, caches, partitions and events",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = TopologyResponse.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @Get
    TopologyResponse topology() {
        return topology.topology();
    }

    /** The same, as a table for a terminal (scripts/topology). */
    @Operation(summary = "The topology as a table for a terminal", security = @SecurityRequirement(name = "opsToken"))
    @ApiResponse(responseCode = "200", description = "the table",
        content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @Get(value = "/table", produces = MediaType.TEXT_PLAIN)
    String table() {
        return TopologyTable.render(topology.topology());
    }

    @Operation(summary = "Accept the topology this node sees (the missing nodes will not come back)",
        security = @SecurityRequirement(name = "opsToken"))
    @ApiResponse(responseCode = "200", description = "the confirmed topology",
        content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = TopologyConfirmation.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @Post("/confirm")
    TopologyConfirmation confirm() {
        int now = quorum.confirm();
        return new TopologyConfirmation(now, quorum.stableTopology());
    }
}
