package io.weft.peer.gateway;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** A peer the gateway can ask for endorsements: this peer in-process, or another org's peer over gRPC. */
public interface EndorserClient {
    String mspId();

    /** Where the peer is, for error details ({@code local} for this peer's own endorser). */
    String address();

    /**
     * @throws io.grpc.StatusRuntimeException when the peer refused the proposal or could not be reached
     */
    ProposalResponse endorse(SignedProposal proposal);
}
