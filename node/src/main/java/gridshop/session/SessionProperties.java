package gridshop.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code idle}: how long a session lives after its last touch (sliding expiry; the grid, PostgreSQL and the
 * consistency check all go by it). {@code sweepInterval}: how often the oldest node deletes expired sessions (and
 * their carts) from PostgreSQL.
 */
@ConfigurationProperties("gridshop.session")
public record SessionProperties(Duration idle, Duration sweepInterval) {

    public SessionProperties {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("gridshop.session.idle must be a positive duration [idle=" + idle + "]");
        }
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("gridshop.session.sweep-interval must be a positive duration [sweepInterval="
                + sweepInterval + "]");
        }
    }
}
