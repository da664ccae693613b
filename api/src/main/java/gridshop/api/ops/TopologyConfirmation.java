package gridshop.api.ops;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to an ops confirmation: the topology this node now takes as its stable one. */
@Serdeable
public record TopologyConfirmation(int serverNodes, int stableTopology) {
}
