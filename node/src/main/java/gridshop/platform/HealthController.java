package gridshop.platform;

import java.util.Optional;
import gridshop.api.ops.HealthResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * Health for orchestrators: no token. Liveness = the JVM serves HTTP; readiness = joined and loaded (in
 * postgres-direct mode: the database is migrated and has its catalog).
 */
@Controller("/health")
final class HealthController {
    private final NodeReadiness readiness;
    private final Optional<GridStatus> grid;

    HealthController(NodeReadiness readiness, Optional<GridStatus> grid) {
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
        String status = ready ? "UP" : "DOWN";
        HealthResponse body = grid
            .map(g -> new HealthResponse(status, readiness.state(), g.serverNodes(), g.pendingWrites(), g.outboxSize()))
            .orElseGet(() -> new HealthResponse(status, readiness.state(), null, null, null));
        return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
