package io.weft.peer.cli.peer;

import io.grpc.stub.StreamObserver;
import io.weft.msp.SigningIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * {@code --waitForEvent}: before the transaction goes to the orderer, opens each peer's DeliverFiltered stream from the
 * newest block on; afterwards waits until every peer has committed the tx id, failing if one marks it invalid.
 */
final class CommitWaiter {
    /** One peer's stream. */
    private record Stream(Endpoint peer, ResponseQueue<DeliverResponse> responses, StreamObserver<Envelope> requests) {}

    private final List<Stream> streams = new ArrayList<>();
    private final String txId;

    private CommitWaiter(String txId) {
        this.txId = txId;
    }

    static CommitWaiter connect(
            Connections connections, List<Endpoint> peers, SigningIdentity signer, String channelId, String txId) {
        CommitWaiter waiter = new CommitWaiter(txId);
        for (Endpoint peer : peers) {
            ResponseQueue<DeliverResponse> responses = new ResponseQueue<>();
            StreamObserver<Envelope> requests =
                    DeliverGrpc.newStub(connections.open(peer)).deliverFiltered(responses);
            requests.onNext(Envelopes.seek(
                    signer,
                    channelId,
                    Envelopes.newest(),
                    Envelopes.specified(Envelopes.MAX_UINT64),
                    Envelopes.tlsCertHash(peer)));
            waiter.streams.add(new Stream(peer, responses, requests));
        }
        return waiter;
    }

    /** Waits for the commit on every peer; {@code log} gets Fabric's per-peer INFO line. */
    void await(Duration timeout, Consumer<String> log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (Stream stream : streams) {
                awaitOne(stream, deadline, log);
            }
        } finally {
            streams.forEach(s -> s.requests().onCompleted());
        }
    }

    private void awaitOne(Stream stream, Instant deadline, Consumer<String> log) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new PeerCliException("timed out waiting for txid on all peers");
            }
            Optional<DeliverResponse> response;
            try {
                response = stream.responses().next(stream.peer(), "deliver filtered", left);
            } catch (ResponseQueue.NoAnswer e) {
                throw new PeerCliException("timed out waiting for txid on all peers", e);
            } catch (PeerCliException e) {
                throw new PeerCliException(
                        "error receiving from deliver filtered at "
                                + stream.peer().address() + ": " + e.getMessage(),
                        e);
            }
            if (response.isEmpty()) {
                throw new PeerCliException(
                        "deliver filtered at " + stream.peer().address() + " ended before txid received");
            }
            DeliverResponse r = response.get();
            if (r.hasFilteredBlock()) {
                for (FilteredTransaction tx : r.getFilteredBlock().getFilteredTransactionsList()) {
                    if (tx.getTxid().equals(txId)) {
                        log.accept("txid [" + txId + "] committed with status (" + tx.getTxValidationCode() + ") at "
                                + stream.peer().address());
                        if (tx.getTxValidationCode() != TxValidationCode.VALID) {
                            throw new PeerCliException(
                                    "transaction invalidated with status (" + tx.getTxValidationCode() + ")");
                        }
                        return;
                    }
                }
            } else if (r.getTypeCase() == DeliverResponse.TypeCase.STATUS) {
                throw new PeerCliException(
                        "deliver completed with status (" + r.getStatus() + ") before txid received");
            }
        }
    }
}
