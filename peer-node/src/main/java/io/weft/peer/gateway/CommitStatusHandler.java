package io.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.weft.ledger.TxStatus;
import io.weft.peer.channel.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Checks the request and its signer, then answers: at once when the transaction has committed, else when its block
     * commits. Bad requests throw; cancelling the returned future stops the wait.
     */
    CompletableFuture<CommitStatusResponse> handle(SignedCommitStatusRequest signed) {
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
        // registered before the ledger is read, so a commit in between is not missed
        CompletableFuture<CommitWaiter.Outcome> waiting = waiter.register(txId);
        Optional<TxStatus> committed;
        try {
            committed = channel.ledger().getTxStatus(txId);
        } catch (RuntimeException e) {
            waiter.forget(txId, waiting);
            throw e;
        }
        if (committed.isPresent()) {
            waiter.forget(txId, waiting);
            return CompletableFuture.completedFuture(
                    response(committed.get().code(), committed.get().blockNumber()));
        }
        CompletableFuture<CommitStatusResponse> answer =
                waiting.thenApply(outcome -> response(outcome.code(), outcome.blockNumber()));
        answer.whenComplete((response, error) -> waiter.forget(txId, waiting));
        return answer;
    }

    private static CommitStatusResponse response(TxValidationCode code, long block) {
        return CommitStatusResponse.newBuilder()
                .setResult(code)
                .setBlockNumber(block)
                .build();
    }
}
