package io.weft.peer.chaincode;

import java.util.Optional;

/**
 * Finds which running chaincode serves a chaincode name on a channel, for chaincode-to-chaincode calls: the package id
 * the channel's committed definition points at on this peer (the lifecycle implements this).
 */
@FunctionalInterface
public interface ChaincodeResolver {
    /** The chaincode id (package id) to route to, or empty when the name is not defined or not installed. */
    Optional<String> chaincodeId(String channelId, String chaincodeName);
}
