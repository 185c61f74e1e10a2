package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import io.weft.shim.Chaincode;
import io.weft.shim.ShimException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INIT or TRANSACTION, run on its own pool thread: decodes the stub, calls the chaincode, and answers COMPLETED
 * (any {@link Chaincode.Response}, status 500 included) or ERROR (the chaincode threw or the message was malformed).
 * Its requests to the peer are strictly sequential; the handler routes each RESPONSE/ERROR here by (channel, tx).
 */
final class TransactionTask implements Runnable, PeerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionTask.class);

    private final ChaincodeMessage trigger;
    private final TxKey key;
    private final Chaincode chaincode;
    private final String localMspId;
    private final SerializedSender sender;
    private final Duration peerResponseTimeout;
    private final Consumer<TxKey> onDone;
    private final AtomicReference<CompletableFuture<ChaincodeMessage>> pending = new AtomicReference<>();
    private volatile String abortReason;

    TransactionTask(
            ChaincodeMessage trigger,
            Chaincode chaincode,
            String localMspId,
            SerializedSender sender,
            Duration peerResponseTimeout,
            Consumer<TxKey> onDone) {
        this.trigger = trigger;
        this.key = TxKey.of(trigger);
        this.chaincode = chaincode;
        this.localMspId = localMspId;
        this.sender = sender;
        this.peerResponseTimeout = peerResponseTimeout;
        this.onDone = onDone;
    }

    TxKey key() {
        return key;
    }

    @Override
    public void run() {
        ChaincodeMessage answer;
        try {
            answer = execute();
        } catch (Throwable t) { // NOPMD: whatever the chaincode throws becomes the ERROR answer
            LOG.warn("{} {} failed: {}", trigger.getType(), key, t.toString(), t);
            answer = ChaincodeMessages.error(key.channelId(), key.txId(), describe(t));
        }
        onDone.accept(key);
        sender.send(answer);
    }

    private ChaincodeMessage execute() {
        InvocationStub stub = InvocationStub.of(trigger, localMspId, this);
        Chaincode.Response response =
                trigger.getType() == ChaincodeMessage.Type.INIT ? chaincode.init(stub) : chaincode.invoke(stub);
        if (response == null) {
            return ChaincodeMessages.error(
                    key.channelId(), key.txId(), "chaincode returned no Response (null) from " + trigger.getType());
        }
        if (response.getStatusCode() >= Chaincode.Response.Status.INTERNAL_SERVER_ERROR.getCode()) {
            LOG.info(
                    "{} {} answered status {}: {}",
                    trigger.getType(),
                    key,
                    response.getStatusCode(),
                    response.getMessage());
        }
        return ChaincodeMessages.completed(key.channelId(), key.txId(), response, stub.getEvent());
    }

    @Override
    public ByteString call(ChaincodeMessage.Type type, ByteString payload) {
        String reason = abortReason;
        if (reason != null) {
            throw new ShimException("cannot send " + type + " for " + key + ": " + reason);
        }
        CompletableFuture<ChaincodeMessage> answer = new CompletableFuture<>();
        if (!pending.compareAndSet(null, answer)) {
            throw new IllegalStateException("a request of " + key + " is already waiting for the peer; "
                    + "stub calls of one transaction must not run concurrently");
        }
        if (!sender.send(ChaincodeMessages.request(type, key.channelId(), key.txId(), payload))) {
            pending.compareAndSet(answer, null);
            throw new ShimException("cannot send " + type + " for " + key + ": the stream to the peer is closed");
        }
        return payloadOf(type, await(type, answer));
    }

    private ChaincodeMessage await(ChaincodeMessage.Type type, CompletableFuture<ChaincodeMessage> answer) {
        try {
            return answer.get(peerResponseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShimException("interrupted while waiting for the peer's answer to " + type + " for " + key, e);
        } catch (TimeoutException e) {
            throw new ShimException(
                    "no answer from the peer to " + type + " for " + key + " within " + peerResponseTimeout.toMillis()
                            + " ms",
                    e);
        } catch (ExecutionException e) {
            throw new ShimException(e.getCause().getMessage(), e.getCause());
        } finally {
            pending.compareAndSet(answer, null);
        }
    }

    private ByteString payloadOf(ChaincodeMessage.Type type, ChaincodeMessage answer) {
        return switch (answer.getType()) {
            case RESPONSE -> answer.getPayload();
            case ERROR ->
                throw new ShimException("peer refused " + type + " for " + key + ": "
                        + answer.getPayload().toStringUtf8());
            default ->
                throw new ShimException("peer answered " + type + " for " + key + " with " + answer.getType()
                        + "; expected RESPONSE or ERROR");
        };
    }

    /** Hands the peer's answer to the waiting request; false when no request is waiting. */
    boolean deliver(ChaincodeMessage answer) {
        CompletableFuture<ChaincodeMessage> waiting = pending.getAndSet(null);
        if (waiting == null) {
            return false;
        }
        waiting.complete(answer);
        return true;
    }

    /** Fails the waiting request and every later one, e.g. because the stream ended. */
    void abort(String reason) {
        abortReason = reason;
        CompletableFuture<ChaincodeMessage> waiting = pending.getAndSet(null);
        if (waiting != null) {
            waiting.completeExceptionally(new ShimException("request of " + key + " failed: " + reason));
        }
    }

    /** The ERROR text for a failure: type and message of the throwable and its causes, no stack trace. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
