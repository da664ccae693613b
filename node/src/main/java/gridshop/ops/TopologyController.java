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

/**
 * The grid's topology for ops ({@code GET}), and the confirmation of a smaller topology as the new stable one
 * ({@code POST /confirm}): after a loss ops know to be final (the missing nodes will not return), the node they
 * confirm on writes again. Confirm on every node of the side to keep.
 */
@GridMode
@Controller("/api/ops/topology")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TopologyController {
    private final Quorum quorum;
    private final TopologyService topology;

    TopologyController(Quorum quorum, TopologyService topology) {
        this.quorum = quorum;
        this.topology = topology;
    }

    @Get
    TopologyResponse topology() {
        return topology.topology();
    }

    /** The same, as a table for a terminal (scripts/topology). */
    @Get(value = "/table", produces = MediaType.TEXT_PLAIN)
    String table() {
        return TopologyTable.render(topology.topology());
    }

    @Post("/confirm")
    TopologyConfirmation confirm() {
        int now = quorum.confirm();
        return new TopologyConfirmation(now, quorum.stableTopology());
    }
}
