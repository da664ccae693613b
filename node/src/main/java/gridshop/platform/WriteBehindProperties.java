package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code maxPending}: past this many unflushed writes in the cluster, writes answer 503. {@code drainTimeout}: how
 * long a stopping node tries to flush what it holds; {@code spillDir}: where it keeps what it could not flush
 * until its next start.
 */
@ConfigurationProperties("gridshop.write-behind")
public record WriteBehindProperties(Duration interval, int batchSize, long maxPending, Duration drainTimeout, Path spillDir) {
}
