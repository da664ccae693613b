package gridshop.api.ops;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/ops/consistency}: per table, the flushed rows compared between grid and PostgreSQL by key and
 * version. {@code skipped} (an extension) counts the rows left out on both sides: writes not yet flushed, rows
 * changed while the check ran, and sessions (with their carts) at the end of their life, whose stored expiry lags
 * by design. {@code sampleKeys}: up to 20 keys that differ.
 */
@Serdeable
public record ConsistencyResponse(Instant checkedAt, long durationMs, List<Table> tables) {

    @Serdeable
    public record Table(String name, long gridRows, long postgresRows, long differences, List<String> sampleKeys,
                        long skipped) {
    }
}
