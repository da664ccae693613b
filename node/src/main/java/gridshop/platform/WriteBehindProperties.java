package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code maxPending}: past this many unflushed writes in the cluster, writes answer 503. */
@ConfigurationProperties("gridshop.write-behind")
record WriteBehindProperties(Duration interval, int batchSize, long maxPending) {
}
