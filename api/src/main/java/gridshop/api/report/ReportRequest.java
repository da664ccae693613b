package gridshop.api.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/reports}: a type, and optionally the period (ISO-8601 instants, from inclusive, to exclusive). */
@Serdeable
public record ReportRequest(@NotNull String type, @Nullable String from, @Nullable String to) {
}
