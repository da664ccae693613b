package gridshop.api.platform;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 9457 problem body; {@code productIds} is set only on a stock conflict. */
@Serdeable
public record Problem(String type, String title, int status, String detail, List<Long> productIds) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String title, int status, String detail) {
        this("about:blank", title, status, detail, null);
    }
}
