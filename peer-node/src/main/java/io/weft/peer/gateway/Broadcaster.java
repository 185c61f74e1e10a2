package io.weft.peer.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.weft.msp.ChannelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a signed transaction to the channel's orderers, in random order, until one accepts it (Fabric's gateway
 * Submit): SUCCESS returns, a 4xx status aborts at once (the transaction is bad), anything else tries the next one. No
 * thread waits for an orderer: the next step runs when its answer arrives.
 */
final class Broadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

    private final OrdererConnections connections;
    private final Duration timeout;

    Broadcaster(OrdererConnections connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    /**
     * Completes when an orderer accepted the transaction, or exceptionally with the gRPC status to answer: ABORTED for
     * a transaction an orderer refused as bad, UNAVAILABLE when none could take it.
     */
    CompletableFuture<Void> submit(ChannelConfig config, Envelope envelope) {
        List<String> endpoints = new ArrayList<>(config.ordererEndpoints());
        if (endpoints.isEmpty()) {
            return CompletableFuture.failedFuture(GatewayErrors.error(
                    Status.Code.UNAVAILABLE, "no orderer endpoints are configured for channel " + config.channelId()));
        }
        Collections.shuffle(endpoints);
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        tryNext(endpoints.iterator(), config, envelope, new ArrayList<>(), outcome);
        return outcome;
    }

    private void tryNext(
            Iterator<String> endpoints,
            ChannelConfig config,
            Envelope envelope,
            List<ErrorDetail> failures,
            CompletableFuture<Void> outcome) {
        if (!endpoints.hasNext()) {
            outcome.completeExceptionally(GatewayErrors.error(
                    Status.Code.UNAVAILABLE, "no orderers could successfully process transaction", failures));
            return;
        }
        String endpoint = endpoints.next();
        broadcast(endpoint, config, envelope).whenComplete((response, error) -> {
            if (error != null) {
                LOG.debug("broadcast of a transaction to {} failed", endpoint, error);
                failures.add(ErrorDetail.newBuilder()
                        .setAddress(endpoint)
                        .setMessage(message(error))
                        .build());
                tryNext(endpoints, config, envelope, failures, outcome);
                return;
            }
            int status = response.getStatusValue();
            if (status == 200) {
                outcome.complete(null);
                return;
            }
            LOG.debug("orderer {} refused a transaction: {} {}", endpoint, response.getStatus(), response.getInfo());
            String refusal = "received unsuccessful response from orderer: status=" + response.getStatus() + ", info="
                    + response.getInfo();
            ErrorDetail detail = ErrorDetail.newBuilder()
                    .setAddress(endpoint)
                    .setMessage(refusal)
                    .build();
            if (status >= 400 && status < 500) {
                outcome.completeExceptionally(GatewayErrors.error(Status.Code.ABORTED, refusal, List.of(detail)));
                return;
            }
            failures.add(detail);
            tryNext(endpoints, config, envelope, failures, outcome);
        });
    }

    /** One Broadcast stream for this transaction: its first answer, or the stream's error. */
    private CompletableFuture<BroadcastResponse> broadcast(String endpoint, ChannelConfig config, Envelope envelope) {
        CompletableFuture<BroadcastResponse> answer = new CompletableFuture<>();
        StreamObserver<Envelope> requests;
        try {
            requests = AtomicBroadcastGrpc.newStub(connections.connect(endpoint, config))
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .broadcast(new StreamObserver<>() {
                        @Override
                        public void onNext(BroadcastResponse value) {
                            answer.complete(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            answer.completeExceptionally(
                                    Status.fromThrowable(t).getCode() == Status.Code.DEADLINE_EXCEEDED
                                            ? new IllegalStateException(
                                                    "no answer within " + timeout + " (peer.gateway.broadcastTimeout)")
                                            : t);
                        }

                        @Override
                        public void onCompleted() {
                            answer.completeExceptionally(
                                    new IllegalStateException("orderer closed the stream without answering"));
                        }
                    });
            requests.onNext(envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // registered after onNext returned, so the half-close never races the send on another thread
        answer.whenComplete((response, error) -> {
            try {
                requests.onCompleted();
            } catch (RuntimeException ignored) {
                // the stream may already be closed
            }
        });
        return answer;
    }

    private static String message(Throwable e) {
        if (e instanceof StatusRuntimeException sre) {
            return sre.getStatus().getCode() + ": " + sre.getStatus().getDescription();
        }
        return e.getMessage();
    }
}
