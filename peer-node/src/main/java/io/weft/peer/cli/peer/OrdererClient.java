package io.weft.peer.cli.peer;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

/** Broadcast to an orderer, as Fabric's CLI does: one envelope, one answer, SUCCESS or an error naming the status. */
final class OrdererClient {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private OrdererClient() {}

    static void broadcast(Connections connections, Endpoint orderer, Envelope envelope) throws InterruptedException {
        ResponseQueue<BroadcastResponse> responses = new ResponseQueue<>();
        StreamObserver<Envelope> requests =
                AtomicBroadcastGrpc.newStub(connections.open(orderer)).broadcast(responses);
        requests.onNext(envelope);
        BroadcastResponse response = responses
                .next(orderer, "broadcast", ANSWER_TIMEOUT)
                .orElseThrow(() -> new PeerCliException("could not send to orderer node: " + orderer.describe()
                        + " closed the stream without an answer"));
        requests.onCompleted();
        if (response.getStatus() != Status.SUCCESS) {
            throw new PeerCliException("got unexpected status: " + response.getStatus() + " -- " + response.getInfo());
        }
    }
}
