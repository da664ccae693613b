package gridshop.report;

import gridshop.api.report.ReportRequest;
import gridshop.api.report.ReportResponse;
import gridshop.platform.GridMode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Async reports, for admins (the token is checked by AdminAuthFilter): 202 at once, the result later from any node. */
@GridMode
@Tag(name = "analysts")
@Controller("/api/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportController { // not final: validation advice proxies it
    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @Operation(summary = "Start a report", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "202", description = "the report, PENDING; Location names it",
        content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = ReportResponse.class)),
        headers = @Header(name = "Location", description = "the report", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Post
    HttpResponse<ReportResponse> create(@Nullable @Valid @Body ReportRequest request) {
        ReportResponse r = reports.create(request);
        return HttpResponse.<ReportResponse>status(HttpStatus.ACCEPTED).header("Location", "/api/reports/" + r.id()).body(r);
    }

    @Operation(summary = "A report: its status and, when DONE, its rows",
        security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the report",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReportResponse.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @Get("/{id}")
    ReportResponse get(String id) {
        return reports.get(id);
    }
}
