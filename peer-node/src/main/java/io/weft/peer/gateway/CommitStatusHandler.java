package io.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.weft.ledger.TxStatus;
import io.weft.peer.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** CommitStatus: the validation code and block of a transaction, waiting for it to commit when it has not yet. */
final class CommitStatusHandler {
    private final Function<String, Optional<Channel>> channels;
    private final Map<String, CommitWaiter> waiters = new ConcurrentHashMap<>();

    CommitStatusHandler(Function<String, Optional<Channel>> channels) {
        this.channels = channels;
    }

    CommitStatusResponse handle(SignedCommitStatusRequest signed, BooleanSupplier cancelled) {
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unmarshal request: " + e.getMessage());
        }
        Channel channel = channels.apply(request.getChannelId())
                .orElseThrow(() -> GatewayErrors.error(
                        Status.Code.NOT_FOUND, "channel '" + request.getChannelId() + "' not found"));
        GatewayAccess.check(
                channel, "gateway/CommitStatus", signed.getRequest(), request.getIdentity(), signed.getSignature());
        CommitWaiter waiter = waiters.computeIfAbsent(channel.channelId(), id -> {
            CommitWaiter created = new CommitWaiter();
            channel.ledger().addCommitListener(created);
            return created;
        });
        String txId = request.getTransactionId();
        CompletableFuture<CommitWaiter.Outcome> future = waiter.register(txId);
        try {
            Optional<TxStatus> committed = channel.ledger().getTxStatus(txId);
            if (committed.isPresent()) {
                return response(committed.get().code(), committed.get().blockNumber());
            }
            while (!cancelled.getAsBoolean()) {
                try {
                    CommitWaiter.Outcome outcome = future.get(500, TimeUnit.MILLISECONDS);
                    return response(outcome.code(), outcome.blockNumber());
                } catch (TimeoutException e) {
                    // keep waiting until the client gives up
                }
            }
            throw GatewayErrors.error(Status.Code.CANCELLED, "client cancelled waiting for transaction " + txId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayErrors.error(Status.Code.UNAVAILABLE, "peer is shutting down");
        } catch (ExecutionException e) {
            throw GatewayErrors.error(Status.Code.INTERNAL, "waiting for commit failed: " + e.getCause());
        } finally {
            waiter.forget(txId, future);
        }
    }

    private static CommitStatusResponse response(TxValidationCode code, long block) {
        return CommitStatusResponse.newBuilder()
                .setResult(code)
                .setBlockNumber(block)
                .build();
    }
}
