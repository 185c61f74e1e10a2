package io.weft.peer.gateway;

import io.grpc.Status;
import io.weft.peer.endorser.Endorser;
import io.weft.peer.endorser.ProposalException;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** This peer's own endorser, called in-process. */
public final class LocalEndorser implements EndorserClient {
    private final Endorser endorser;
    private final String mspId;
    private final String address;

    public LocalEndorser(Endorser endorser, String mspId, String address) {
        this.endorser = endorser;
        this.mspId = mspId;
        this.address = address;
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public ProposalResponse endorse(SignedProposal proposal) {
        try {
            return endorser.endorse(proposal);
        } catch (ProposalException e) {
            throw Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException();
        }
    }
}
