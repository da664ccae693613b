package gridshop.session;

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
import java.net.URI;

@Controller("/api/sessions")
final class SessionController {
    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<SessionCreatedResponse> create(@Nullable @Body CreateSessionRequest body) {
        SessionCreatedResponse created = sessions.create(body == null ? null : body.customerId());
        return HttpResponse.created(created, URI.create("/api/sessions/" + created.sessionId()));
    }

    @Get("/{sessionId}")
    SessionResponse get(String sessionId) {
        return sessions.get(sessionId);
    }
}
