package io.weft.peer.chaincode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a runtime needs to start one chaincode.
 *
 * @param chaincodeId the id the chaincode must register with (package id)
 * @param chaincodePackage the installed package; empty in dev mode when nothing is installed under that id
 * @param peerAddress {@code host:port} of the peer's chaincode listener, for {@code CORE_PEER_ADDRESS}
 * @param localMspId the peer's MSP id, for {@code CORE_PEER_LOCALMSPID}
 * @param connector serves a stream the peer dials itself (external chaincode)
 * @param exited tells the peer the chaincode exited before registering, with the reason, to fail the launch at once
 */
public record ChaincodeLaunch(
        String chaincodeId,
        Optional<ChaincodePackage> chaincodePackage,
        String peerAddress,
        String localMspId,
        ChaincodeStreamConnector connector,
        Consumer<String> exited) {
    public ChaincodeLaunch {
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(chaincodePackage, "chaincodePackage");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(localMspId, "localMspId");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(exited, "exited");
    }

    /** The package, or a clear failure when the runtime needs one and none is installed. */
    public ChaincodePackage requirePackage() {
        return chaincodePackage.orElseThrow(
                () -> new ChaincodeException("chaincode install package '" + chaincodeId + "' not found"));
    }

    /**
     * The environment Fabric gives a chaincode it launches, without TLS: {@code CORE_CHAINCODE_ID_NAME}, {@code
     * CORE_PEER_ADDRESS}, {@code CORE_PEER_TLS_ENABLED=false}, {@code CORE_PEER_LOCALMSPID}.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CORE_CHAINCODE_ID_NAME", chaincodeId);
        env.put("CORE_PEER_ADDRESS", peerAddress);
        env.put("CORE_PEER_TLS_ENABLED", "false");
        env.put("CORE_PEER_LOCALMSPID", localMspId);
        return env;
    }
}
