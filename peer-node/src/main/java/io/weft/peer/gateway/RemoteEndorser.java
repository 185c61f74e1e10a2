package io.weft.peer.gateway;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Another org's peer, reached over gRPC (Endorser/ProcessProposal). */
public final class RemoteEndorser implements EndorserClient {
    private final String mspId;
    private final String address;
    private final ManagedChannel channel;
    private final Duration timeout;

    public RemoteEndorser(String mspId, String address, ManagedChannel channel, Duration timeout) {
        this.mspId = mspId;
        this.address = address;
        this.channel = channel;
        this.timeout = timeout;
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
        return EndorserGrpc.newBlockingStub(channel)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .processProposal(proposal);
    }

    public void close() {
        channel.shutdownNow();
    }
}
