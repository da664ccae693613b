package gridshop.deadletter;

import gridshop.api.deadletter.DeadLetterResponse;
import gridshop.api.deadletter.RetryResponse;
import gridshop.grid.deadletter.DeadLetter;
import gridshop.grid.events.OutboxCache;
import gridshop.persistence.deadletter.DeadLetters;
import gridshop.persistence.platform.SqlErrors;
import gridshop.persistence.writebehind.WriteBehindFlusher;
import gridshop.platform.ApiException;
import gridshop.platform.GridMode;
import gridshop.platform.PathIds;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Writes PostgreSQL refused: listed for an admin, written again on request, or dropped. */
@GridMode
@Singleton
final class DeadLetterService {
    private final WriteBehindFlusher flusher;
    private final DeadLetters letters;

    DeadLetterService(WriteBehindFlusher flusher) {
        this.flusher = flusher;
        this.letters = flusher.deadLetters();
    }

    List<DeadLetterResponse> list() {
        return letters.list().stream().map(DeadLetterService::response).toList();
    }

    /**
     * Writes the entity's current grid value to PostgreSQL now; an event Kafka refused goes back to the relay,
     * which tries it on its next round (and parks it again if Kafka still refuses it).
     */
    RetryResponse retry(String id) {
        DeadLetter letter = require(id);
        if (OutboxCache.NAME.equals(letter.cache())) {
            letters.settle(Set.of(id));
            return new RetryResponse(id, "REQUEUED", null);
        }
        try {
            if (flusher.retry(letter)) {
                return new RetryResponse(id, "WRITTEN", null);
            }
            DeadLetter again = letters.get(id);
            return new RetryResponse(id, "REFUSED", again == null ? null : again.error());
        } catch (SQLException e) {
            throw ApiException.unavailable("PostgreSQL is not taking writes (unreachable, read-only, refusing privileges); the dead letter is kept [id=" + id
                + ", error=" + SqlErrors.describe(e) + "]", 5);
        }
    }

    void drop(String id) {
        if (!letters.drop(id)) {
            throw notFound(id);
        }
    }

    private DeadLetter require(String id) {
        DeadLetter letter = id.length() > PathIds.MAX_TEXT_ID ? null : letters.get(id);
        if (letter == null) {
            throw notFound(id);
        }
        return letter;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no such dead letter [id=" + PathIds.shorten(id) + "]");
    }

    private static DeadLetterResponse response(DeadLetter d) {
        return new DeadLetterResponse(d.id(), d.cache(), String.valueOf(d.key()), d.error(), d.firstFailedAt().toInstant(),
            d.lastFailedAt().toInstant(), d.attempts());
    }
}
