package io.weft.peer.chaincode;

import io.grpc.stub.StreamObserver;
import io.weft.peer.operations.Metrics;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's chaincode support: the {@code protos.ChaincodeSupport} service chaincodes dial ({@code
 * peer.chaincodeListenAddress}, 7052), the registry of their streams, launching through a {@link ChaincodeRuntime},
 * and {@link ChaincodeInvoker} for the endorser. Chaincodes register under their package id; transactions are
 * multiplexed on each stream by (channel, txid) and run concurrently. Constructing it does no I/O; serve it from a gRPC
 * server and {@link #close()} it on shutdown.
 */
public final class ChaincodeSupport extends ChaincodeSupportGrpc.ChaincodeSupportImplBase
        implements ChaincodeInvoker, ChaincodeStreamConnector, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeSupport.class);

    private final ChaincodeConfig config;
    private final ChaincodeRuntime runtime;
    private final ChaincodeExecutors executors;
    private final HandlerRegistry registry;
    private final ShimRequests requests;
    private final ChaincodeCalls calls;
    private final ChaincodeLauncher launcher;
    private final ChaincodeMetrics metrics;
    private final Optional<ChaincodeTlsAuthority> tls;
    private volatile boolean closed;

    /** Chaincode support without TLS on the chaincode stream. */
    public ChaincodeSupport(
            ChaincodeConfig config,
            ChaincodePackageStore packages,
            ChaincodeRuntime runtime,
            ChaincodeResolver resolver,
            LedgerLookup ledgers,
            ChaincodeExecutors executors,
            Metrics metrics) {
        this(config, packages, runtime, resolver, ledgers, executors, metrics, Optional.empty());
    }

    /**
     * @param tls when present (peer TLS on), every launch gets a client certificate from this authority and a chaincode
     *     that dials the peer may register only with the certificate issued to it; serve this service {@link
     *     ChaincodeTlsAuthority#authenticated} over TLS from {@link ChaincodeTlsAuthority#serverContext}
     */
    public ChaincodeSupport(
            ChaincodeConfig config,
            ChaincodePackageStore packages,
            ChaincodeRuntime runtime,
            ChaincodeResolver resolver,
            LedgerLookup ledgers,
            ChaincodeExecutors executors,
            Metrics metrics,
            Optional<ChaincodeTlsAuthority> tls) {
        this.config = config;
        this.runtime = runtime;
        this.executors = executors;
        this.tls = tls;
        this.registry = new HandlerRegistry(config.devMode());
        this.requests = new ShimRequests(config.totalQueryLimit());
        this.calls = new ChaincodeCalls(resolver, ledgers, this::executeMessage);
        this.metrics = new ChaincodeMetrics(metrics);
        this.launcher = new ChaincodeLauncher(registry, packages, runtime, executors, config, this, this.metrics, tls);
    }

    /** {@code protos.ChaincodeSupport/Register}: a chaincode dialed the peer. */
    @Override
    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> toChaincode) {
        ChaincodeStreamHandler.RegisterCheck check = ChaincodeStreamHandler.RegisterCheck.ANY;
        if (tls.isPresent()) {
            ChaincodeTlsAuthority authority = tls.get();
            byte[] certificateHash = ChaincodeTlsAuthority.currentClientCertificateHash();
            check = chaincodeId -> authority.authenticate(chaincodeId, certificateHash);
        }
        ChaincodeStreamHandler handler = newHandler("inbound stream", check);
        handler.attach(toChaincode);
        if (closed) {
            handler.close("the peer is shutting down");
        }
        return handler;
    }

    /** A stream the peer dialed itself ({@code protos.Chaincode/Connect} of a chaincode server). */
    @Override
    public Connection connect(String origin) {
        // Fabric applies no certificate check to a stream the peer dialed: it chose whom to dial
        ChaincodeStreamHandler handler = newHandler(origin, ChaincodeStreamHandler.RegisterCheck.ANY);
        return new Connection() {
            @Override
            public StreamObserver<ChaincodeMessage> fromChaincode() {
                return handler;
            }

            @Override
            public void attach(StreamObserver<ChaincodeMessage> toChaincode) {
                handler.attach(toChaincode);
            }
        };
    }

    private ChaincodeStreamHandler newHandler(String origin, ChaincodeStreamHandler.RegisterCheck check) {
        return new ChaincodeStreamHandler(
                registry,
                requests,
                calls,
                executors.requests(),
                executors.timer(),
                config.executeTimeout(),
                config.keepalive(),
                origin,
                metrics,
                check);
    }

    @Override
    public CompletableFuture<ChaincodeResult> executeAsync(ChaincodeInvocation invocation) {
        return executeMessage(invocation, null).thenApply(message -> result(invocation, message));
    }

    /** Launches if needed, then runs; completes with the chaincode's COMPLETED or ERROR message. */
    CompletableFuture<ChaincodeMessage> executeMessage(ChaincodeInvocation invocation, TransactionContext parent) {
        if (closed) {
            return CompletableFuture.failedFuture(new ChaincodeException("the peer is shutting down"));
        }
        return launcher.launch(invocation.chaincodeId())
                .thenCompose(handler -> handler.execute(invocation, parent))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(wrap(invocation, e)));
    }

    /** Starts the chaincode (if it is not running) and completes once it is ready. */
    public CompletableFuture<Void> launch(String chaincodeId) {
        return launcher.launch(chaincodeId).thenApply(handler -> null);
    }

    /** Whether a chaincode with this id is connected and ready. */
    public boolean isReady(String chaincodeId) {
        return registry.ready(chaincodeId) != null;
    }

    /** Fabric's processChaincodeExecutionResult: COMPLETED gives the Response; ERROR is a simulation failure. */
    private static ChaincodeResult result(ChaincodeInvocation invocation, ChaincodeMessage message) {
        Optional<ChaincodeEvent> event = message.hasChaincodeEvent()
                ? Optional.of(message.getChaincodeEvent().toBuilder()
                        .setChaincodeId(invocation.chaincodeName())
                        .setTxId(invocation.txId())
                        .build())
                : Optional.empty();
        if (message.getType() == ChaincodeMessage.Type.COMPLETED) {
            try {
                return new ChaincodeResult(Response.parseFrom(message.getPayload()), event);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new ChaincodeException("failed to unmarshal response for transaction " + invocation.txId()
                        + " from chaincode " + invocation.chaincodeName() + ": " + e.getMessage());
            }
        }
        if (message.getType() == ChaincodeMessage.Type.ERROR) {
            throw new ChaincodeException(
                    "transaction returned with failure: " + message.getPayload().toStringUtf8());
        }
        throw new ChaincodeException(
                "unexpected response type " + message.getType() + " for transaction " + invocation.txId());
    }

    private static ChaincodeException wrap(ChaincodeInvocation invocation, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ChaincodeException ce) {
            return ce;
        }
        return new ChaincodeException(
                "failed to execute transaction " + invocation.txId() + ": " + cause.getMessage(), cause);
    }

    /** Ends every chaincode stream (in-flight transactions fail) and stops what the runtime started. */
    @Override
    public void close() {
        closed = true;
        List<ChaincodeStreamHandler> handlers = registry.all();
        for (ChaincodeStreamHandler handler : handlers) {
            handler.close("the peer is shutting down");
        }
        try {
            runtime.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping chaincode runtimes failed", e);
        }
    }
}
