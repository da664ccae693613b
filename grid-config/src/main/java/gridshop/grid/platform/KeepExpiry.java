package gridshop.grid.platform;

import java.io.Serializable;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/** Reads through this policy leave an entry's expiry as it is (the flusher must not keep sessions alive). */
public final class KeepExpiry implements ExpiryPolicy, Serializable {
    @Override
    public Duration getExpiryForCreation() {
        return null;
    }

    @Override
    public Duration getExpiryForAccess() {
        return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
        return null;
    }
}
