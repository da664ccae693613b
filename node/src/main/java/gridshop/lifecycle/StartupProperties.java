package gridshop.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code exitOnFailure}: a node whose start-up fails leaves the grid and ends the JVM with a non-zero status (off
 * in tests, where several nodes share one JVM). {@code leaseWatch}: how long a node alone at start watches the
 * database's cluster lease before it loads a new grid ({@link ClusterLeaseKeeper}); {@code leaseGiveUp}: how long it
 * waits while another cluster renews it before its start fails. {@code spillWait}: how long a cluster that took over a
 * lease its predecessor did not release waits, before it loads, for that cluster's members (their spills).
 */
@ConfigurationProperties("gridshop.startup")
record StartupProperties(boolean exitOnFailure, Duration leaseWatch, Duration leaseGiveUp, Duration spillWait) {
}
