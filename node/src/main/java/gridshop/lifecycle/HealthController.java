package gridshop.lifecycle;

import gridshop.api.ops.HealthResponse;
import gridshop.events.EventOutbox;
import gridshop.platform.GridStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Health for orchestrators: no token. Liveness = the JVM serves HTTP and no background loop (flusher, relay,
 * catalog feed) has stopped; readiness = joined, spilled writes replayed, loaded, and holding up-to-date copies
 * of its partitions (in postgres-direct mode: the database is migrated and has its catalog).
 */
@Tag(name = "ops")
@Controller("/health")
final class HealthController {
    private final NodeReadiness readiness;
    private final Optional<GridStatus> grid;
    private final Optional<EventOutbox> outbox;

    HealthController(NodeReadiness readiness, Optional<GridStatus> grid, Optional<EventOutbox> outbox) {
        this.readiness = readiness;
        this.grid = grid;
        this.outbox = outbox;
    }

    @Operation(summary = "Liveness: DOWN when a background loop has stopped")
    @ApiResponse(responseCode = "200", description = "UP",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
    @ApiResponse(responseCode = "503", description = "DOWN",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
    @Get("/liveness")
    HttpResponse<HealthResponse> liveness() {
        List<String> stopped = grid.map(GridStatus::stoppedLoops).orElse(List.of());
        List<String> warnings = stopped.stream().map(l -> l + " has stopped or hangs").toList();
        boolean live = stopped.isEmpty();
        HealthResponse body = new HealthResponse(live ? "UP" : "DOWN", readiness.state(), null, null, null, null, null,
            null, null, warnings.isEmpty() ? null : warnings);
        return HttpResponse.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @Operation(summary = "Readiness: joined, loaded, partitions up to date")
    @ApiResponse(responseCode = "200", description = "ready",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
    @ApiResponse(responseCode = "503", description = "not ready, with its state",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthResponse.class)))
    @Get("/readiness")
    HttpResponse<HealthResponse> readiness() {
        boolean ready = readiness.ready();
        String status = ready ? "UP" : "DOWN";
        HealthResponse body = grid.map(g -> gridHealth(status, g))
            .orElseGet(() -> new HealthResponse(status, readiness.state(), null, null, null, null, null, null, null, null));
        return HttpResponse.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private HealthResponse gridHealth(String status, GridStatus g) {
        int withoutBackup = g.partitionsWithoutBackup();
        int deadLetters = g.deadLetters();
        List<String> warnings = new ArrayList<>();
        if (withoutBackup > 0) {
            warnings.add(withoutBackup + " partitions have no backup copy" + (g.serverNodes() == 1
                ? " (this is the only node)" : "") + ": kill -9 of their node would lose their writes not yet in PostgreSQL");
        }
        if (deadLetters > 0) {
            warnings.add(deadLetters + " writes were refused by PostgreSQL; see GET /api/admin/dead-letters");
        }
        int lost = g.lostPartitions();
        long writesLost = g.unflushedWritesLost();
        if (lost > 0) {
            warnings.add(lost + " partitions lost both copies; " + (g.minorityWarning().isPresent()
                ? "they stay lost on a minority (their keys answer 503) until ops confirm or restart its nodes"
                : "they are being reloaded from PostgreSQL"));
        }
        if (writesLost > 0) {
            warnings.add(writesLost + " unflushed writes were lost with partitions whose both copies went at once");
        }
        int heldBack = g.heldBackWrites();
        if (heldBack > 0) {
            warnings.add(heldBack + " writes committed while a server node failed are held back (not acknowledged): they "
                + "go to PostgreSQL once this side is known to write, and end with this node if it restarts first");
        }
        g.postgresWarning().ifPresent(warnings::add);
        g.minorityWarning().ifPresent(warnings::add);
        g.fencedWarning().ifPresent(warnings::add);
        g.stoppedLoops().forEach(l -> warnings.add(l + " has stopped or hangs"));
        return new HealthResponse(status, readiness.state(), g.serverNodes(), g.pendingWrites(), outbox.map(EventOutbox::size).orElse(0L),
            deadLetters, withoutBackup, lost, writesLost, warnings.isEmpty() ? null : warnings);
    }
}
