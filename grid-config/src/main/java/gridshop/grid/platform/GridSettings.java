package gridshop.grid.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a node needs to join the grid. Built by the node from its configuration, by name ({@link #builder()}: two
 * settings of one type cannot trade places unnoticed); tests shrink {@code partitions}, {@code threads} and
 * {@code dataRegionMaxMb}. A setting left unset is refused by {@link Builder#build()} with its name.
 *
 * <p>{@code discoveryMode}: {@code static} (seed {@code addresses}) or {@code kubernetes} (headless service).
 * {@code threads}: size of Ignite's public/system/query/striped pools; 0 sizes them to the node's cores (at least 2). {@code thinHost}: the
 * address the analyst JDBC/thin port binds to. {@code clusterSecret}: what a node must present to join (empty: nodes
 * of this build with no secret). {@code tls}: TLS for discovery, communication and the analyst port
 * ({@link Tls#OFF}: plain text).
 */
public final class GridSettings {
    /** Node attribute that carries the node's HTTP port, so the console can link every node. */
    public static final String HTTP_PORT_ATTRIBUTE = "gridshop.httpPort";
    /** Node attribute that carries the identity of the PostgreSQL database the node writes behind into. */
    public static final String DATABASE_ATTRIBUTE = "gridshop.database";
    /** Node attribute that carries the name of the node's spill folder (its owner.id): stable across restarts. */
    public static final String SPILL_OWNER_ATTRIBUTE = "gridshop.spillOwner";

    private final String instanceName;
    private final Path workDirectory;
    private final String localAddress;
    private final String discoveryMode;
    private final List<String> addresses;
    private final int discoveryPort;
    private final int communicationPort;
    private final String thinHost;
    private final int thinPort;
    private final int portRange;
    private final Kubernetes kubernetes;
    private final int partitions;
    private final int threads;
    private final long dataRegionMaxMb;
    private final Duration sessionIdle;
    private final Duration failureDetection;
    private final Map<String, Object> attributes;
    private final String analystUser;
    private final String analystPassword;
    private final String clusterSecret;
    private final Tls tls;
    private final String igniteXml;

    private GridSettings(Builder b) {
        this.instanceName = Objects.requireNonNull(b.instanceName, "GridSettings.instanceName is not set");
        this.workDirectory = Objects.requireNonNull(b.workDirectory, "GridSettings.workDirectory is not set");
        this.localAddress = Objects.requireNonNull(b.localAddress, "GridSettings.localAddress is not set");
        this.discoveryMode = Objects.requireNonNull(b.discoveryMode, "GridSettings.discoveryMode is not set");
        this.addresses = Objects.requireNonNull(b.addresses, "GridSettings.addresses is not set");
        this.discoveryPort = b.discoveryPort;
        this.communicationPort = b.communicationPort;
        this.thinHost = Objects.requireNonNull(b.thinHost, "GridSettings.thinHost is not set");
        this.thinPort = b.thinPort;
        this.portRange = b.portRange;
        this.kubernetes = Objects.requireNonNull(b.kubernetes, "GridSettings.kubernetes is not set");
        this.partitions = b.partitions;
        this.threads = b.threads;
        this.dataRegionMaxMb = b.dataRegionMaxMb;
        this.sessionIdle = Objects.requireNonNull(b.sessionIdle, "GridSettings.sessionIdle is not set");
        this.failureDetection = Objects.requireNonNull(b.failureDetection, "GridSettings.failureDetection is not set");
        this.attributes = Objects.requireNonNull(b.attributes, "GridSettings.attributes is not set");
        this.analystUser = Objects.requireNonNull(b.analystUser, "GridSettings.analystUser is not set");
        this.analystPassword = Objects.requireNonNull(b.analystPassword, "GridSettings.analystPassword is not set");
        this.clusterSecret = Objects.requireNonNull(b.clusterSecret, "GridSettings.clusterSecret is not set");
        this.tls = Objects.requireNonNull(b.tls, "GridSettings.tls is not set");
        this.igniteXml = b.igniteXml;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String instanceName() {
        return instanceName;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public String localAddress() {
        return localAddress;
    }

    public String discoveryMode() {
        return discoveryMode;
    }

    public List<String> addresses() {
        return addresses;
    }

    public int discoveryPort() {
        return discoveryPort;
    }

    public int communicationPort() {
        return communicationPort;
    }

    public String thinHost() {
        return thinHost;
    }

    public int thinPort() {
        return thinPort;
    }

    public int portRange() {
        return portRange;
    }

    public Kubernetes kubernetes() {
        return kubernetes;
    }

    public int partitions() {
        return partitions;
    }

    public int threads() {
        return threads;
    }

    public long dataRegionMaxMb() {
        return dataRegionMaxMb;
    }

    public Duration sessionIdle() {
        return sessionIdle;
    }

    public Duration failureDetection() {
        return failureDetection;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public String analystUser() {
        return analystUser;
    }

    public String analystPassword() {
        return analystPassword;
    }

    public String clusterSecret() {
        return clusterSecret;
    }

    public Tls tls() {
        return tls;
    }

    /** An operator's Ignite Spring XML overlaid on the node's configuration (IgniteXml); empty: none. */
    public String igniteXml() {
        return igniteXml;
    }

    /** The settings, each set by its name. */
    public static final class Builder {
        private String instanceName;
        private Path workDirectory;
        private String localAddress;
        private String discoveryMode;
        private List<String> addresses;
        private int discoveryPort;
        private int communicationPort;
        private String thinHost;
        private int thinPort;
        private int portRange;
        private Kubernetes kubernetes;
        private int partitions;
        private int threads;
        private long dataRegionMaxMb;
        private Duration sessionIdle;
        private Duration failureDetection;
        private Map<String, Object> attributes;
        private String analystUser;
        private String analystPassword;
        private String clusterSecret;
        private Tls tls;
        private String igniteXml = "";

        private Builder() {
        }

        public Builder instanceName(String instanceName) {
            this.instanceName = instanceName;
            return this;
        }

        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        public Builder localAddress(String localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        public Builder discoveryMode(String discoveryMode) {
            this.discoveryMode = discoveryMode;
            return this;
        }

        public Builder addresses(List<String> addresses) {
            this.addresses = addresses;
            return this;
        }

        public Builder discoveryPort(int discoveryPort) {
            this.discoveryPort = discoveryPort;
            return this;
        }

        public Builder communicationPort(int communicationPort) {
            this.communicationPort = communicationPort;
            return this;
        }

        public Builder thinHost(String thinHost) {
            this.thinHost = thinHost;
            return this;
        }

        public Builder thinPort(int thinPort) {
            this.thinPort = thinPort;
            return this;
        }

        public Builder portRange(int portRange) {
            this.portRange = portRange;
            return this;
        }

        public Builder kubernetes(Kubernetes kubernetes) {
            this.kubernetes = kubernetes;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder dataRegionMaxMb(long dataRegionMaxMb) {
            this.dataRegionMaxMb = dataRegionMaxMb;
            return this;
        }

        public Builder sessionIdle(Duration sessionIdle) {
            this.sessionIdle = sessionIdle;
            return this;
        }

        public Builder failureDetection(Duration failureDetection) {
            this.failureDetection = failureDetection;
            return this;
        }

        public Builder attributes(Map<String, Object> attributes) {
            this.attributes = attributes;
            return this;
        }

        public Builder analystUser(String analystUser) {
            this.analystUser = analystUser;
            return this;
        }

        public Builder analystPassword(String analystPassword) {
            this.analystPassword = analystPassword;
            return this;
        }

        public Builder clusterSecret(String clusterSecret) {
            this.clusterSecret = clusterSecret;
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        public Builder igniteXml(String igniteXml) {
            this.igniteXml = igniteXml == null ? "" : igniteXml;
            return this;
        }

        public GridSettings build() {
            return new GridSettings(this);
        }
    }
}
