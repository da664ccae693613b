package gridshop.ops;

import gridshop.api.ops.ConsistencyResponse;
import gridshop.platform.GridMode;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Grid ≡ PostgreSQL, checked on demand (ops token); runs on a blocking thread, never on the event loop. */
@GridMode
@Controller("/api/ops/consistency")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsistencyController {
    private final ConsistencyService consistency;

    ConsistencyController(ConsistencyService consistency) {
        this.consistency = consistency;
    }

    @Get
    ConsistencyResponse check() {
        return consistency.check();
    }
}
