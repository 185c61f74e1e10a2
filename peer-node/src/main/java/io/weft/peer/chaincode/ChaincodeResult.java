package io.weft.peer.chaincode;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What a chaincode answered with COMPLETED: its {@code Response} (status 200, or 4xx/500 for a failed contract
 * function; the endorser shapes the proposal response by this status) and the event it set, with {@code
 * chaincode_id} and {@code tx_id} filled in by the peer as Fabric does. The simulation is in the invocation's
 * simulator.
 */
public record ChaincodeResult(Response response, Optional<ChaincodeEvent> event) {
    public ChaincodeResult {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(event, "event");
    }
}
