package gridshop.report;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code keep}: how long a report and its result are kept after its last change. */
@ConfigurationProperties("gridshop.reports")
public record ReportProperties(Duration keep) {

    public ReportProperties {
        if (keep == null || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("gridshop.reports.keep must be a positive duration [keep=" + keep + "]");
        }
    }
}
