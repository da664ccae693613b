package gridshop.deadletter;

import gridshop.api.deadletter.DeadLetterResponse;
import gridshop.api.deadletter.RetryResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Dead letters, for admins (the token is checked by AdminAuthFilter). */
@Tag(name = "merchants")
@Controller("/api/admin/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeadLetterController {
    private final DeadLetterService letters;

    DeadLetterController(DeadLetterService letters) {
        this.letters = letters;
    }

    @Operation(summary = "Writes PostgreSQL refused", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the dead letters",
        content = @Content(mediaType = "application/json",
        array = @ArraySchema(schema = @Schema(implementation = DeadLetterResponse.class))))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @Get
    List<DeadLetterResponse> list() {
        return letters.list();
    }

    /** 202: the retry ran; the body says whether PostgreSQL took the write this time. */
    @Operation(summary = "Retry a dead letter", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "202", description = "the retry ran: WRITTEN or REFUSED",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = RetryResponse.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Post("/{id}/retry")
    HttpResponse<RetryResponse> retry(String id) {
        return HttpResponse.status(HttpStatus.ACCEPTED).body(letters.retry(id));
    }

    @Operation(summary = "Give a dead letter up (logged with its values)",
        security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "204", description = "dropped")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @Delete("/{id}")
    HttpResponse<Void> drop(String id) {
        letters.drop(id);
        return HttpResponse.noContent();
    }
}
