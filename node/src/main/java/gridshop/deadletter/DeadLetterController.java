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
import java.util.List;

/** Dead letters, for admins (the token is checked by AdminAuthFilter). */
@Controller("/api/admin/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeadLetterController {
    private final DeadLetterService letters;

    DeadLetterController(DeadLetterService letters) {
        this.letters = letters;
    }

    @Get
    List<DeadLetterResponse> list() {
        return letters.list();
    }

    /** 202: the retry ran; the body says whether PostgreSQL took the write this time. */
    @Post("/{id}/retry")
    HttpResponse<RetryResponse> retry(String id) {
        return HttpResponse.status(HttpStatus.ACCEPTED).body(letters.retry(id));
    }

    @Delete("/{id}")
    HttpResponse<Void> drop(String id) {
        letters.drop(id);
        return HttpResponse.noContent();
    }
}
