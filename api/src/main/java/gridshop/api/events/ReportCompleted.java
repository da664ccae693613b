package gridshop.api.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Topic {@code gridshop.reports}, key = report id: a report finished ({@code status} DONE or FAILED). {@code type} is
 * the event's type, as in every event; {@code reportType} the report's.
 */
@Serdeable
public record ReportCompleted(String eventId, String type, Instant occurredAt, String reportId, String reportType,
                              String status) {
}
