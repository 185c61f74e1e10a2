package io.weft.peer.endorser;

import java.util.Optional;

/**
 * What the endorser needs of a chaincode's committed definition.
 *
 * @param packageId the package this peer's org approved for the definition's sequence, when installed
 */
public record ChaincodeDefinition(
        String name, String version, long sequence, boolean initRequired, Optional<String> packageId) {}
