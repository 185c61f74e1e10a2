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
 * @param tls with TLS on the chaincode stream, the files this launch's chaincode needs (a client certificate issued to
 *     it and the CA of the peer's chaincode listener); the runtime puts them where {@link #environment} says
 * @param connector serves a stream the peer dials itself (external chaincode)
 * @param exited tells the peer the chaincode exited before registering, with the reason, to fail the launch at once
 */
public record ChaincodeLaunch(
        String chaincodeId,
        Optional<ChaincodePackage> chaincodePackage,
        String peerAddress,
        String localMspId,
        Optional<ChaincodeTlsFiles> tls,
        ChaincodeStreamConnector connector,
        Consumer<String> exited) {
    public ChaincodeLaunch {
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(chaincodePackage, "chaincodePackage");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(localMspId, "localMspId");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(exited, "exited");
    }

    /** The package, or a clear failure when the runtime needs one and none is installed. */
    public ChaincodePackage requirePackage() {
        return chaincodePackage.orElseThrow(
                () -> new ChaincodeException("chaincode install package '" + chaincodeId + "' not found"));
    }

    /**
     * The environment Fabric gives a chaincode it launches: {@code CORE_CHAINCODE_ID_NAME}, {@code CORE_PEER_ADDRESS},
     * {@code CORE_PEER_TLS_ENABLED} and, with TLS, the paths of the {@link #tls} files ({@link
     * ChaincodeTlsFiles#environment}), then {@code CORE_PEER_LOCALMSPID}.
     *
     * @param tlsDirectory where the runtime puts the {@link ChaincodeTlsFiles#files()} as the chaincode sees them
     *     (Fabric's containers: {@link ChaincodeTlsFiles#FABRIC_DIRECTORY}); unused without TLS
     */
    public Map<String, String> environment(String tlsDirectory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CORE_CHAINCODE_ID_NAME", chaincodeId);
        env.put("CORE_PEER_ADDRESS", peerAddress);
        if (tls.isPresent()) {
            env.putAll(tls.get().environment(tlsDirectory));
        } else {
            env.put("CORE_PEER_TLS_ENABLED", "false");
        }
        env.put("CORE_PEER_LOCALMSPID", localMspId);
        return env;
    }
}
