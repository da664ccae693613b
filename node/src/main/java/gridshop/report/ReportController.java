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

/** Async reports, for admins (the token is checked by AdminAuthFilter): 202 at once, the result later from any node. */
@GridMode
@Controller("/api/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {
    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @Post
    HttpResponse<ReportResponse> create(@Nullable @Body ReportRequest request) {
        ReportResponse r = reports.create(request);
        return HttpResponse.<ReportResponse>status(HttpStatus.ACCEPTED).header("Location", "/api/reports/" + r.id()).body(r);
    }

    @Get("/{id}")
    ReportResponse get(String id) {
        return reports.get(id);
    }
}
