package io.weft.peer.chaincode;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.LedgerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's end of one chaincode stream ({@code ChaincodeSupport/Register}, or {@code Chaincode/Connect} dialed by
 * the peer): the REGISTER handshake, then transactions multiplexed by (channel, txid). Inbound messages arrive on the
 * gRPC thread of the stream and are dispatched at once: writes to the simulator are answered there, the other shim
 * requests (reads, range queries, history, chaincode calls) run on the request executor, so a slow one never holds
 * the stream. Writes to the stream are serialized. Nothing a chaincode sends
 * escapes as an exception: a malformed request gets an ERROR answer, a protocol violation ends the stream, and every
 * transaction in flight on a dead stream fails at once.
 */
final class ChaincodeStreamHandler implements StreamObserver<ChaincodeMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeStreamHandler.class);

    enum State {
        CREATED,
        READY,
        CLOSED
    }

    /** Decides whether a REGISTER with this chaincode id is accepted on the stream; throws with the reason if not. */
    @FunctionalInterface
    interface RegisterCheck {
        RegisterCheck ANY = chaincodeId -> {};

        void check(String chaincodeId);
    }

    private final HandlerRegistry registry;
    private final ShimRequests requests;
    private final ChaincodeCalls calls;
    private final Executor requestExecutor;
    private final ScheduledExecutorService timer;
    private final Duration executeTimeout;
    private final Duration keepalive;
    private final String origin;
    private final ChaincodeMetrics metrics;
    private final RegisterCheck registerCheck;
    private final Map<TxKey, TransactionContext> contexts = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();

    @GuardedBy("sendLock")
    private StreamObserver<ChaincodeMessage> outbound;

    private volatile State state = State.CREATED;
    private volatile String chaincodeId = "";
    private volatile ScheduledFuture<?> keepaliveTask;

    ChaincodeStreamHandler(
            HandlerRegistry registry,
            ShimRequests requests,
            ChaincodeCalls calls,
            Executor requestExecutor,
            ScheduledExecutorService timer,
            Duration executeTimeout,
            Duration keepalive,
            String origin,
            ChaincodeMetrics metrics,
            RegisterCheck registerCheck) {
        this.registry = registry;
        this.requests = requests;
        this.calls = calls;
        this.requestExecutor = requestExecutor;
        this.timer = timer;
        this.executeTimeout = executeTimeout;
        this.keepalive = keepalive;
        this.origin = origin;
        this.metrics = metrics;
        this.registerCheck = registerCheck;
    }

    /** Sets the stream toward the chaincode; must happen before the first inbound message is handled. */
    void attach(StreamObserver<ChaincodeMessage> toChaincode) {
        synchronized (sendLock) {
            outbound = toChaincode;
        }
    }

    String chaincodeId() {
        return chaincodeId;
    }

    State state() {
        return state;
    }

    int transactionsInFlight() {
        return contexts.size();
    }

    @Override
    public void onNext(ChaincodeMessage msg) {
        try {
            switch (state) {
                case CREATED -> handleCreated(msg);
                case READY -> handleReady(msg);
                case CLOSED ->
                    LOG.debug("chaincode {}: {} after the stream ended, ignored", chaincodeId, msg.getType());
            }
        } catch (RuntimeException | Error e) {
            // a bug of ours must not kill the gRPC thread nor leave transactions hanging
            LOG.error("chaincode {}: handling {} failed, ending the stream", describe(), msg.getType(), e);
            terminate(new ChaincodeException("chaincode stream terminated: chaincode " + describe()
                    + ": internal error handling " + msg.getType()));
        }
    }

    @Override
    public void onError(Throwable t) {
        LOG.info("chaincode {} ({}): stream failed: {}", describe(), origin, statusText(t));
        terminate(new ChaincodeException("chaincode stream terminated: chaincode " + describe() + " disconnected ("
                + Status.fromThrowable(t).getCode() + ")"));
    }

    @Override
    public void onCompleted() {
        LOG.info("chaincode {} ({}): stream closed by the chaincode", describe(), origin);
        terminate(
                new ChaincodeException("chaincode stream terminated: chaincode " + describe() + " closed its stream"));
        completeOutbound();
    }

    private void handleCreated(ChaincodeMessage msg) {
        if (msg.getType() == ChaincodeMessage.Type.KEEPALIVE) {
            return;
        }
        if (msg.getType() != ChaincodeMessage.Type.REGISTER) {
            protocolError("expected REGISTER, got " + typeName(msg));
            return;
        }
        ChaincodeID id;
        try {
            id = ChaincodeID.parseFrom(msg.getPayload());
        } catch (InvalidProtocolBufferException e) {
            protocolError("REGISTER payload is not a ChaincodeID: " + e.getMessage());
            return;
        }
        if (id.getName().isEmpty()) {
            protocolError("error in handling register chaincode, chaincodeID name is empty");
            return;
        }
        try {
            registerCheck.check(id.getName());
        } catch (ChaincodeException e) {
            // refused before the id is taken: a launch waiting for the real chaincode keeps waiting
            protocolError("authentication of chaincode " + id.getName() + " failed: " + e.getMessage());
            return;
        }
        chaincodeId = id.getName();
        try {
            registry.register(this);
        } catch (ChaincodeException e) {
            chaincodeId = "";
            protocolError(e.getMessage());
            return;
        }
        state = State.READY;
        if (!send(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.REGISTERED)
                        .build())
                || !send(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.READY)
                        .build())) {
            return;
        }
        startKeepalive();
        LOG.info("chaincode {} registered ({})", chaincodeId, origin);
        registry.ready(this);
    }

    private void handleReady(ChaincodeMessage msg) {
        switch (msg.getType()) {
            case KEEPALIVE -> {}
            case COMPLETED, ERROR -> {
                TransactionContext ctx = contexts.get(key(msg));
                if (ctx == null) {
                    LOG.debug(
                            "chaincode {}: {} for unknown transaction {}, ignored",
                            chaincodeId,
                            msg.getType(),
                            key(msg));
                } else {
                    ctx.finish(msg);
                }
            }
            case GET_STATE,
                    PUT_STATE,
                    DEL_STATE,
                    INVOKE_CHAINCODE,
                    GET_STATE_BY_RANGE,
                    GET_QUERY_RESULT,
                    QUERY_STATE_NEXT,
                    QUERY_STATE_CLOSE,
                    GET_HISTORY_FOR_KEY,
                    GET_STATE_METADATA,
                    PUT_STATE_METADATA,
                    GET_PRIVATE_DATA_HASH,
                    PURGE_PRIVATE_DATA,
                    WRITE_BATCH_STATE,
                    GET_STATE_MULTIPLE -> dispatchRequest(msg);
            default -> protocolError("cannot handle " + typeName(msg) + " while ready");
        }
    }

    private void dispatchRequest(ChaincodeMessage msg) {
        long received = System.nanoTime();
        TransactionContext ctx = contexts.get(key(msg));
        if (ctx == null) {
            metrics.shimRequestReceived(msg, chaincodeId);
            ChaincodeMessage reply = error(
                    msg,
                    "no ledger context (transaction " + key(msg) + " is not running on chaincode " + chaincodeId + ")");
            metrics.shimRequestCompleted(msg, chaincodeId, reply, Duration.ofNanos(System.nanoTime() - received));
            send(reply);
            return;
        }
        if (!ctx.tryBeginRequest()) {
            // as Fabric: a second request while one is pending (or after the end) is dropped without an answer
            LOG.warn(
                    "chaincode {}: another request is pending for transaction {}, dropped {}",
                    chaincodeId,
                    key(msg),
                    msg.getType());
            return;
        }
        metrics.shimRequestReceived(msg, chaincodeId);
        if (servedInline(msg.getType())) {
            serve(ctx, msg, received);
            return;
        }
        try {
            requestExecutor.execute(() -> serve(ctx, msg, received));
        } catch (RejectedExecutionException e) {
            answer(ctx, msg, error(msg, "peer is overloaded: the chaincode request queue is full"), received);
        }
    }

    /**
     * Writes only touch the simulator's in-memory write set, so they are answered on the stream's own thread: a hop
     * to the request executor costs more than the work (about a quarter of the CPU of a one-read-one-write simulation,
     * measured with SimulationBenchmark). Reads may go to disk and queries, history and chaincode calls may iterate or
     * wait, so they run on the executor and never hold the stream.
     */
    private static boolean servedInline(ChaincodeMessage.Type type) {
        return switch (type) {
            case PUT_STATE, DEL_STATE, PUT_STATE_METADATA -> true;
            default -> false;
        };
    }

    private void serve(TransactionContext ctx, ChaincodeMessage msg, long received) {
        ChaincodeMessage reply;
        try {
            if (msg.getType() == ChaincodeMessage.Type.INVOKE_CHAINCODE) {
                calls.invoke(ctx, msg, response -> answer(ctx, msg, response, received));
                return;
            }
            ByteString payload = requests.serve(ctx, msg);
            reply = ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.RESPONSE)
                    .setPayload(payload)
                    .setTxid(msg.getTxid())
                    .setChannelId(msg.getChannelId())
                    .build();
        } catch (ChaincodeException | LedgerException | IllegalArgumentException e) {
            reply = error(msg, e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            reply = error(msg, "unmarshal failed: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            // as Fabric's recover in HandleTransaction: keep the exception text out of the answer (determinism)
            LOG.error("chaincode {}: {} of transaction {} failed", chaincodeId, msg.getType(), key(msg), e);
            reply = error(msg, "internal error (see the peer log)");
        }
        answer(ctx, msg, reply, received);
    }

    private void answer(TransactionContext ctx, ChaincodeMessage request, ChaincodeMessage reply, long received) {
        boolean live = ctx.endRequest();
        metrics.shimRequestCompleted(request, chaincodeId, reply, Duration.ofNanos(System.nanoTime() - received));
        if (live) {
            send(reply);
        }
    }

    /** Error answer to a shim request, worded as Fabric's: "TYPE failed: transaction ID: txid: reason". */
    static ChaincodeMessage error(ChaincodeMessage request, String reason) {
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.ERROR)
                .setPayload(ByteString.copyFromUtf8(
                        typeName(request) + " failed: transaction ID: " + request.getTxid() + ": " + reason))
                .setTxid(request.getTxid())
                .setChannelId(request.getChannelId())
                .build();
    }

    /**
     * Sends INIT or TRANSACTION and completes with the chaincode's COMPLETED or ERROR message, or exceptionally on
     * timeout, stream death, or when {@code parent} (the calling transaction of a chaincode-to-chaincode call) ends.
     */
    CompletableFuture<ChaincodeMessage> execute(ChaincodeInvocation invocation, TransactionContext parent) {
        TxKey key = new TxKey(invocation.channelId(), invocation.txId());
        TransactionContext ctx = new TransactionContext(invocation, chaincodeId, done -> {
            contexts.remove(key, done);
            if (parent != null) {
                parent.childCompleted(done);
            }
        });
        TransactionContext existing = contexts.putIfAbsent(key, ctx);
        if (existing != null) {
            return CompletableFuture.failedFuture(new ChaincodeException("transaction " + key
                    + " is already executing on chaincode " + chaincodeId + " (a chaincode cannot call itself)"));
        }
        if (parent != null && !parent.adoptChild(ctx)) {
            ctx.fail(new ChaincodeException("the calling transaction " + key + " has already ended"));
            return ctx.outcome();
        }
        if (state != State.READY) {
            ctx.fail(streamTerminated("is not connected"));
            return ctx.outcome();
        }
        ctx.setTimeout(timer.schedule(
                () -> ctx.timeOut(
                        new ChaincodeException("timeout expired while executing transaction " + invocation.txId()
                                + " on chaincode " + invocation.chaincodeName() + " (" + chaincodeId + ") after "
                                + executeTimeout.toMillis() + " ms (chaincode.executetimeout)"),
                        () -> metrics.executeTimeout(chaincodeId)),
                executeTimeout.toNanos(),
                TimeUnit.NANOSECONDS));
        ChaincodeMessage message = ChaincodeMessage.newBuilder()
                .setType(invocation.init() ? ChaincodeMessage.Type.INIT : ChaincodeMessage.Type.TRANSACTION)
                .setPayload(invocation.input().toByteString())
                .setTxid(invocation.txId())
                .setChannelId(invocation.channelId())
                .setProposal(invocation.signedProposal())
                .build();
        send(message);
        if (state == State.CLOSED) {
            ctx.fail(streamTerminated("disconnected"));
        }
        return ctx.outcome();
    }

    /** Ends the stream from the peer's side (shutdown, runtime stopped) and fails every transaction in flight. */
    void close(String reason) {
        terminate(new ChaincodeException("chaincode stream terminated: chaincode " + describe() + ": " + reason));
        synchronized (sendLock) {
            if (outbound != null) {
                try {
                    outbound.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
                } catch (RuntimeException e) {
                    LOG.debug("chaincode {}: closing the stream failed", chaincodeId, e);
                }
            }
        }
    }

    private void protocolError(String reason) {
        LOG.warn("chaincode {} ({}): protocol error, ending the stream: {}", describe(), origin, reason);
        terminate(new ChaincodeException(
                "chaincode stream terminated: chaincode " + describe() + " broke the protocol: " + reason));
        synchronized (sendLock) {
            if (outbound != null) {
                try {
                    outbound.onError(
                            Status.INVALID_ARGUMENT.withDescription(reason).asRuntimeException());
                } catch (RuntimeException e) {
                    LOG.debug("chaincode {}: ending the stream failed", chaincodeId, e);
                }
            }
        }
    }

    private void terminate(ChaincodeException cause) {
        State previous = state;
        state = State.CLOSED;
        ScheduledFuture<?> task = keepaliveTask;
        if (task != null) {
            task.cancel(false);
        }
        if (previous != State.CLOSED) {
            registry.deregister(this, cause);
        }
        List<TransactionContext> inFlight = new ArrayList<>(contexts.values());
        for (TransactionContext ctx : inFlight) {
            ctx.fail(cause);
        }
    }

    private ChaincodeException streamTerminated(String what) {
        return new ChaincodeException("chaincode stream terminated: chaincode " + describe() + " " + what);
    }

    private void completeOutbound() {
        synchronized (sendLock) {
            if (outbound != null) {
                try {
                    outbound.onCompleted();
                } catch (RuntimeException e) {
                    LOG.debug("chaincode {}: completing the stream failed", chaincodeId, e);
                }
            }
        }
    }

    /** Writes one message; false (and the stream is terminated) when the write fails. */
    boolean send(ChaincodeMessage msg) {
        try {
            synchronized (sendLock) {
                if (outbound == null) {
                    throw new IllegalStateException("stream not attached");
                }
                outbound.onNext(msg);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("chaincode {}: sending {} failed, ending the stream: {}", describe(), msg.getType(), e.toString());
            terminate(streamTerminated("could not be written to (" + e.getMessage() + ")"));
            return false;
        }
    }

    private void startKeepalive() {
        if (keepalive.isZero()) {
            return;
        }
        keepaliveTask = timer.scheduleAtFixedRate(
                () -> {
                    if (state == State.READY) {
                        send(ChaincodeMessage.newBuilder()
                                .setType(ChaincodeMessage.Type.KEEPALIVE)
                                .build());
                    }
                },
                keepalive.toNanos(),
                keepalive.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** The status and the innermost cause, one line (a failed TLS handshake names the certificate problem). */
    static String statusText(Throwable t) {
        Status status = Status.fromThrowable(t);
        StringBuilder text = new StringBuilder(status.getCode().toString());
        if (status.getDescription() != null) {
            text.append(": ").append(status.getDescription().lines().findFirst().orElse(""));
        }
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != null) {
            text.append(" (").append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                text.append(": ").append(root.getMessage().lines().findFirst().orElse(""));
            }
            text.append(')');
        }
        return text.toString();
    }

    private String describe() {
        String id = chaincodeId;
        return id.isEmpty() ? "<unregistered>" : id;
    }

    private static TxKey key(ChaincodeMessage msg) {
        return new TxKey(msg.getChannelId(), msg.getTxid());
    }

    private static String typeName(ChaincodeMessage msg) {
        return msg.getType() == ChaincodeMessage.Type.UNRECOGNIZED
                ? "message type " + msg.getTypeValue()
                : msg.getType().name();
    }
}
