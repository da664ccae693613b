package gridshop.platform;

import gridshop.api.ops.HealthResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Health for orchestrators: no token. Liveness = the JVM serves HTTP; readiness = joined and loaded. */
@Controller("/health")
final class HealthController {
    private final NodeReadiness readiness;
    private final GridStatus grid;

    HealthController(NodeReadiness readiness, GridStatus grid) {
        this.readiness = readiness;
        this.grid = grid;
    }

    @Get("/liveness")
    HealthResponse liveness() {
        return new HealthResponse("UP", readiness.state(), null, null, null);
    }

    @Get("/readiness")
    HttpResponse<HealthResponse> readiness() {
        boolean ready = readiness.ready();
        HealthResponse body = new HealthResponse(ready ? "UP" : "DOWN", readiness.state(),
            grid.serverNodes(), grid.pendingWrites(), grid.outboxSize());
        return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
