package io.weft.peer.cli.peer;

import io.grpc.stub.StreamObserver;
import io.weft.msp.SigningIdentity;
import java.time.Duration;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;

/** Single blocks from the Deliver service of an orderer ({@code -o}) or, without one, of the peer. */
final class BlockSource {
    /** How long to wait for a block that is not yet there (Fabric waits forever; Weft stops after this). */
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final Connections connections;
    private final Endpoint endpoint;
    private final SigningIdentity signer;
    private final String channelId;
    private final boolean bestEffort;

    BlockSource(
            Connections connections, Endpoint endpoint, SigningIdentity signer, String channelId, boolean bestEffort) {
        this.bestEffort = bestEffort;
        this.connections = connections;
        this.endpoint = endpoint;
        this.signer = signer;
        this.channelId = channelId;
    }

    Block newest() throws InterruptedException {
        return fetch(Envelopes.newest(), "error getting newest block");
    }

    Block oldest() throws InterruptedException {
        return fetch(Envelopes.oldest(), "error getting oldest block");
    }

    Block number(long number) throws InterruptedException {
        return fetch(Envelopes.specified(number), "error getting specified block");
    }

    private Block fetch(SeekPosition position, String what) throws InterruptedException {
        Envelope request =
                Envelopes.seek(signer, channelId, position, position, Envelopes.tlsCertHash(endpoint), bestEffort);
        if (endpoint.role() == Endpoint.Role.ORDERER) {
            ResponseQueue<org.hyperledger.fabric.protos.orderer.DeliverResponse> responses = new ResponseQueue<>();
            StreamObserver<Envelope> requests =
                    AtomicBroadcastGrpc.newStub(connections.open(endpoint)).deliver(responses);
            requests.onNext(request);
            try {
                Optional<org.hyperledger.fabric.protos.orderer.DeliverResponse> response =
                        responses.next(endpoint, what, WAIT);
                if (response.isPresent() && response.get().hasBlock()) {
                    return response.get().getBlock();
                }
                throw badStatus(what, response.map(r -> r.getStatus()).orElse(Status.UNKNOWN));
            } finally {
                requests.onCompleted();
            }
        }
        ResponseQueue<org.hyperledger.fabric.protos.peer.DeliverResponse> responses = new ResponseQueue<>();
        StreamObserver<Envelope> requests =
                DeliverGrpc.newStub(connections.open(endpoint)).deliver(responses);
        requests.onNext(request);
        try {
            Optional<org.hyperledger.fabric.protos.peer.DeliverResponse> response =
                    responses.next(endpoint, what, WAIT);
            if (response.isPresent() && response.get().hasBlock()) {
                return response.get().getBlock();
            }
            throw badStatus(what, response.map(r -> r.getStatus()).orElse(Status.UNKNOWN));
        } finally {
            requests.onCompleted();
        }
    }

    private PeerCliException badStatus(String what, Status status) {
        return new PeerCliException(what + ": can't read the block: &{" + status + "} (from " + endpoint.describe()
                + " for channel " + channelId + ")");
    }
}
