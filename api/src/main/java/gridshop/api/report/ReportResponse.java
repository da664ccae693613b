package gridshop.api.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A report and, once DONE, its result: column names and rows (numbers as numbers, times as ISO-8601 text).
 * Extensions to api.md: {@code from}, {@code to} (the period computed), {@code attempts} (more than 1 when
 * another node finished it after the first one left).
 */
@Serdeable
public record ReportResponse(String id, String type, String status, @Nullable List<String> columns,
                             @Nullable @Schema(ref = "#/components/schemas/ReportRows")
                             List<List<Object>> rows,
                             @Nullable String error, Instant createdAt, @Nullable Instant finishedAt,
                             @Nullable Instant from, @Nullable Instant to, int attempts) {
}
