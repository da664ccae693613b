package gridshop.ops;

import gridshop.api.ops.TopologyConfirmation;
import gridshop.platform.Quorum;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Ops accept the topology a node sees as its new stable one, after a loss they know to be final (the missing
 * nodes will not return): that node writes again. Confirm on every node of the side to keep.
 */
@Controller("/api/ops/topology")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TopologyController {
    private final Quorum quorum;

    TopologyController(Quorum quorum) {
        this.quorum = quorum;
    }

    @Post("/confirm")
    TopologyConfirmation confirm() {
        int now = quorum.confirm();
        return new TopologyConfirmation(now, quorum.stableTopology());
    }
}
