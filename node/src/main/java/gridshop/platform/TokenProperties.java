package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code admin-token} and {@code ops-token}: the bearer tokens of merchants and ops (empty: random per start). */
@ConfigurationProperties("gridshop")
public record TokenProperties(@Nullable String adminToken, @Nullable String opsToken) {

    public TokenProperties {
        adminToken = adminToken == null ? "" : adminToken;
        opsToken = opsToken == null ? "" : opsToken;
    }
}
