package gridshop.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code exitOnFailure}: a node whose start-up fails leaves the grid and ends the JVM with a non-zero status (off
 * in tests, where several nodes share one JVM).
 */
@ConfigurationProperties("gridshop.startup")
record StartupProperties(boolean exitOnFailure) {
}
