package gridshop.grid.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a node needs to join the grid. Built by the node from its configuration; tests shrink
 * {@code partitions}, {@code threads} and {@code dataRegionMaxMb}.
 *
 * @param discoveryMode {@code static} (seed {@code addresses}) or {@code kubernetes} (headless service)
 * @param threads       size of Ignite's public/system/query pools; 0 keeps Ignite's defaults
 * @param thinHost      the address the analyst JDBC/thin port binds to
 * @param clusterSecret what a node must present to join (empty: nodes of this build with no secret)
 * @param tls           TLS for discovery, communication and the analyst port ({@link Tls#OFF}: plain text)
 */
public record GridSettings(
    String instanceName,
    Path workDirectory,
    String localAddress,
    String discoveryMode,
    List<String> addresses,
    int discoveryPort,
    int communicationPort,
    String thinHost,
    int thinPort,
    int portRange,
    Kubernetes kubernetes,
    int partitions,
    int threads,
    long dataRegionMaxMb,
    Duration sessionIdle,
    Duration failureDetection,
    Map<String, Object> attributes,
    String analystUser,
    String analystPassword,
    String clusterSecret,
    Tls tls) {

    /** Node attribute that carries the node's HTTP port, so the console can link every node. */
    public static final String HTTP_PORT_ATTRIBUTE = "gridshop.httpPort";
    /** Node attribute that carries the identity of the PostgreSQL database the node writes behind into. */
    public static final String DATABASE_ATTRIBUTE = "gridshop.database";
}
