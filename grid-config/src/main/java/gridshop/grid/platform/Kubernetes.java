package gridshop.grid.platform;

/**
 * Where a node asks the Kubernetes API for the grid's pods (discovery mode {@code kubernetes}): the endpoints of
 * {@code service} in {@code namespace}, from {@code masterUrl} with the service-account token in
 * {@code accountTokenFile}. Not-ready addresses are included, so pods find each other before they are ready.
 */
public record Kubernetes(String namespace, String service, String masterUrl, String accountTokenFile) {
}
