package io.weft.peer.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.weft.msp.ChannelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a signed transaction to the channel's orderers, in random order, until one accepts it (Fabric's gateway
 * Submit): SUCCESS returns, a 4xx status aborts at once (the transaction is bad), anything else tries the next one.
 */
final class Broadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

    private final OrdererConnections connections;
    private final Duration timeout;

    Broadcaster(OrdererConnections connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    void submit(ChannelConfig config, Envelope envelope) {
        List<String> endpoints = new ArrayList<>(config.ordererEndpoints());
        if (endpoints.isEmpty()) {
            throw GatewayErrors.error(
                    Status.Code.UNAVAILABLE, "no orderer endpoints are configured for channel " + config.channelId());
        }
        Collections.shuffle(endpoints);
        List<ErrorDetail> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            BroadcastResponse response;
            try {
                response = broadcast(endpoint, config, envelope);
            } catch (RuntimeException e) {
                LOG.debug("broadcast of a transaction to {} failed", endpoint, e);
                failures.add(ErrorDetail.newBuilder()
                        .setAddress(endpoint)
                        .setMessage(message(e))
                        .build());
                continue;
            }
            int status = response.getStatusValue();
            if (status == 200) {
                return;
            }
            LOG.debug("orderer {} refused a transaction: {} {}", endpoint, response.getStatus(), response.getInfo());
            ErrorDetail detail = ErrorDetail.newBuilder()
                    .setAddress(endpoint)
                    .setMessage("received unsuccessful response from orderer: status=" + response.getStatus()
                            + ", info=" + response.getInfo())
                    .build();
            if (status >= 400 && status < 500) {
                throw GatewayErrors.error(
                        Status.Code.ABORTED,
                        "received unsuccessful response from orderer: status=" + response.getStatus() + ", info="
                                + response.getInfo(),
                        List.of(detail));
            }
            failures.add(detail);
        }
        throw GatewayErrors.error(
                Status.Code.UNAVAILABLE, "no orderers could successfully process transaction", failures);
    }

    private BroadcastResponse broadcast(String endpoint, ChannelConfig config, Envelope envelope) {
        CompletableFuture<BroadcastResponse> result = new CompletableFuture<>();
        StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(connections.connect(endpoint, config))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .broadcast(new StreamObserver<>() {
                    @Override
                    public void onNext(BroadcastResponse value) {
                        result.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        result.completeExceptionally(
                                new IllegalStateException("orderer closed the stream without answering"));
                    }
                });
        requests.onNext(envelope);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout + " (peer.gateway.broadcastTimeout)", e);
        } finally {
            try {
                requests.onCompleted();
            } catch (RuntimeException ignored) {
                // the stream may already be closed
            }
        }
    }

    private static String message(RuntimeException e) {
        if (e instanceof StatusRuntimeException sre) {
            return sre.getStatus().getCode() + ": " + sre.getStatus().getDescription();
        }
        return e.getMessage();
    }
}
