package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code gridshop.tls.*}: see {@link gridshop.grid.platform.Tls}. Off while {@code key-store} is empty. */
@ConfigurationProperties("gridshop.tls")
public record TlsProperties(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
                     String storeType) {
}
