package gridshop.api.session;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record CreateSessionRequest(String customerId) {
}
