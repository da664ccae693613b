package gridshop.session;

import gridshop.platform.ShopperIds;
import gridshop.api.session.CreateSessionRequest;
import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;

@Tag(name = "shoppers")
@Controller("/api/sessions")
class SessionController { // not final: validation advice proxies it
    private final Sessions sessions;
    private final ShopperIds ids;

    SessionController(Sessions sessions, ShopperIds ids) {
        this.sessions = sessions;
        this.ids = ids;
    }

    @Operation(summary = "Start a shopper session")
    @ApiResponse(responseCode = "201", description = "the session; Location names it",
        content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = SessionCreatedResponse.class)),
        headers = @Header(name = "Location", description = "the new session", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SessionCreatedResponse> create(@Nullable @Valid @Body CreateSessionRequest body) {
        SessionCreatedResponse made = sessions.create(body == null ? null : body.customerId());
        SessionCreatedResponse created = new SessionCreatedResponse(ids.session(made.sessionId()), made.expiresAt());
        return HttpResponse.created(created, URI.create("/api/sessions/" + created.sessionId()));
    }

    @Operation(summary = "A session")
    @ApiResponse(responseCode = "200", description = "the session",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionResponse.class)))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get("/{sessionId}")
    SessionResponse get(String sessionId) {
        SessionResponse s = sessions.get(ids.openSession(sessionId));
        return new SessionResponse(ids.session(s.sessionId()), s.customerId(), s.createdAt(), s.expiresAt());
    }
}
