package gridshop.api.session;

import gridshop.api.platform.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

@Serdeable
public record CreateSessionRequest(@Nullable @Size(min = 1, max = Limits.MAX_TEXT_ID) String customerId) {
}
