package io.weft.shim.internal;

import io.grpc.stub.StreamObserver;
import io.weft.shim.Chaincode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shim's side of one chaincode stream: sends REGISTER, moves CREATED -> ESTABLISHED on REGISTERED and -> READY on
 * READY, then runs each INIT/TRANSACTION as a {@link TransactionTask} on the pool and routes RESPONSE/ERROR to the task
 * of the same (channel, tx). A message it cannot use is logged and dropped; nothing the peer sends ends the stream.
 */
public final class ChaincodeStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeStreamHandler.class);

    /** Where the handshake stands. */
    enum State {
        CREATED,
        ESTABLISHED,
        READY,
        CLOSED
    }

    private final String chaincodeId;
    private final Chaincode chaincode;
    private final String localMspId;
    private final TransactionPool pool;
    private final Duration peerResponseTimeout;
    private final Map<TxKey, TransactionTask> tasks = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile State state = State.CREATED;
    private volatile SerializedSender sender;

    public ChaincodeStreamHandler(
            String chaincodeId,
            Chaincode chaincode,
            String localMspId,
            TransactionPool pool,
            Duration peerResponseTimeout) {
        this.chaincodeId = chaincodeId;
        this.chaincode = chaincode;
        this.localMspId = localMspId;
        this.pool = pool;
        this.peerResponseTimeout = peerResponseTimeout;
    }

    /** The observer gRPC delivers the peer's messages to. */
    public StreamObserver<ChaincodeMessage> inbound() {
        return new StreamObserver<>() {
            @Override
            public void onNext(ChaincodeMessage message) {
                onMessage(message);
            }

            @Override
            public void onError(Throwable error) {
                onStreamEnded("the chaincode stream failed: " + error);
            }

            @Override
            public void onCompleted() {
                onStreamEnded("the peer closed the chaincode stream");
            }
        };
    }

    /** Attaches the outbound side of the stream and sends REGISTER with the chaincode's package ID. */
    public void connect(StreamObserver<ChaincodeMessage> outbound) {
        SerializedSender attached = new SerializedSender(outbound);
        this.sender = attached;
        LOG.info("registering chaincode '{}'", chaincodeId);
        attached.send(ChaincodeMessages.register(chaincodeId));
    }

    /** Completes when the peer has sent READY. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes when the stream has ended, for whatever reason. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /** Half-closes the stream from this side; in-flight transactions can no longer reach the peer. */
    public void close() {
        SerializedSender current = sender;
        if (current != null) {
            current.complete();
        }
        onStreamEnded("the chaincode closed its stream");
    }

    State state() {
        return state;
    }

    int inFlight() {
        return tasks.size();
    }

    void onMessage(ChaincodeMessage message) {
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            LOG.error("could not handle {}: {}", ChaincodeMessages.describe(message), e.toString(), e);
        }
    }

    private void dispatch(ChaincodeMessage message) {
        ChaincodeMessage.Type type = message.getType();
        if (type == ChaincodeMessage.Type.KEEPALIVE) {
            sender.send(ChaincodeMessages.keepalive());
            return;
        }
        switch (state) {
            case CREATED -> expect(message, ChaincodeMessage.Type.REGISTERED, State.ESTABLISHED);
            case ESTABLISHED -> {
                if (expect(message, ChaincodeMessage.Type.READY, State.READY)) {
                    LOG.info("chaincode '{}' is ready for transactions", chaincodeId);
                    ready.complete(null);
                }
            }
            case READY -> handleReady(message);
            case CLOSED -> LOG.debug("stream closed; dropping {}", ChaincodeMessages.describe(message));
        }
    }

    private boolean expect(ChaincodeMessage message, ChaincodeMessage.Type expected, State next) {
        if (message.getType() == expected) {
            state = next;
            return true;
        }
        if (message.getType() == ChaincodeMessage.Type.ERROR) {
            LOG.warn(
                    "peer answered ERROR in state {}: {}",
                    state,
                    message.getPayload().toStringUtf8());
        } else {
            LOG.warn("in state {} expected {}; dropping {}", state, expected, ChaincodeMessages.describe(message));
        }
        return false;
    }

    private void handleReady(ChaincodeMessage message) {
        switch (message.getType()) {
            case INIT, TRANSACTION -> startTransaction(message);
            case RESPONSE, ERROR -> routeAnswer(message);
            default -> LOG.warn("cannot handle {} in state READY; dropped", ChaincodeMessages.describe(message));
        }
    }

    private void startTransaction(ChaincodeMessage message) {
        TransactionTask task = new TransactionTask(
                message, chaincode, localMspId, sender, peerResponseTimeout, key -> tasks.remove(key));
        TxKey key = task.key();
        if (tasks.putIfAbsent(key, task) != null) {
            sender.send(ChaincodeMessages.error(
                    key.channelId(),
                    key.txId(),
                    "transaction " + key + " is already running in chaincode '" + chaincodeId + "'"));
            return;
        }
        if (!pool.trySubmit(task)) {
            tasks.remove(key, task);
            LOG.warn(
                    "refusing {}: all {} transaction threads are busy and {} transactions wait",
                    key,
                    pool.maxConcurrency(),
                    pool.maxQueued());
            sender.send(ChaincodeMessages.error(
                    key.channelId(),
                    key.txId(),
                    "chaincode '" + chaincodeId + "' is already running its limit of " + pool.maxConcurrency()
                            + " concurrent transactions (CORE_CHAINCODE_MAX_CONCURRENCY) and " + pool.maxQueued()
                            + " more are waiting; transaction " + key.txId() + " refused"));
        }
    }

    private void routeAnswer(ChaincodeMessage message) {
        TxKey key = TxKey.of(message);
        TransactionTask task = tasks.get(key);
        if (task == null) {
            LOG.warn("{} for unknown transaction {}; answering ERROR", message.getType(), key);
            sender.send(ChaincodeMessages.error(
                    key.channelId(), key.txId(), "no transaction " + key + " is waiting for " + message.getType()));
        } else if (!task.deliver(message)) {
            LOG.warn("{} for {} arrived while no request was waiting; dropped", message.getType(), key);
        }
    }

    private void onStreamEnded(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        SerializedSender current = sender;
        if (current != null) {
            current.markClosed();
        }
        List<TransactionTask> running = List.copyOf(tasks.values());
        LOG.info(
                "chaincode '{}' stream ended ({}); {} transactions in flight fail",
                chaincodeId,
                reason,
                running.size());
        running.forEach(task -> task.abort(reason));
        ready.completeExceptionally(new IllegalStateException(reason));
        termination.complete(null);
    }
}
