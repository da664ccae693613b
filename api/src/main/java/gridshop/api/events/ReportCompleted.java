package gridshop.api.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Topic {@code gridshop.reports} (it carries only this event), key = report id: a report finished. As api.md has
 * it, {@code type} is the report's type (as in the report itself) and {@code status} DONE or FAILED.
 */
@Serdeable
public record ReportCompleted(String eventId, String reportId, String type, String status, Instant occurredAt) {
}
