package io.weft.shim;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.shim.internal.ChaincodeStreamHandler;
import io.weft.shim.internal.TransactionPool;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Chaincode-as-a-service: hosts {@code protos.Chaincode/Connect}; the peer dials it, and on each stream the chaincode
 * registers and serves transactions exactly as a chaincode that dials the peer does. All streams share one pool.
 */
public final class ChaincodeServer implements AutoCloseable {
    private final ShimConfig config;
    private final Chaincode chaincode;
    private final ServerBuilder<?> serverBuilder;
    private final TransactionPool pool;
    private final Set<ChaincodeStreamHandler> handlers = ConcurrentHashMap.newKeySet();
    private Server server;

    /** @param serverBuilder where to listen (Netty from the configuration, or in-process in tests) */
    public ChaincodeServer(ShimConfig config, Chaincode chaincode, ServerBuilder<?> serverBuilder) {
        this.config = config;
        this.chaincode = chaincode;
        this.serverBuilder = serverBuilder;
        this.pool = new TransactionPool(config.maxConcurrency());
    }

    /** Binds and starts listening. */
    public synchronized void start() throws IOException {
        server = serverBuilder
                .addService(new ChaincodeGrpc.ChaincodeImplBase() {
                    @Override
                    public StreamObserver<ChaincodeMessage> connect(StreamObserver<ChaincodeMessage> outbound) {
                        return accept(outbound);
                    }
                })
                .build()
                .start();
    }

    /** The port listened on (useful with port 0). */
    public synchronized int port() {
        return server.getPort();
    }

    private StreamObserver<ChaincodeMessage> accept(StreamObserver<ChaincodeMessage> outbound) {
        ChaincodeStreamHandler handler = new ChaincodeStreamHandler(
                config.chaincodeId(), chaincode, config.localMspId(), pool, config.peerResponseTimeout());
        handlers.add(handler);
        var unused = handler.termination().whenComplete((ignored, error) -> handlers.remove(handler));
        handler.connect(outbound);
        return handler.inbound();
    }

    /** Blocks until the server shuts down. */
    public void awaitTermination() throws InterruptedException {
        Server started;
        synchronized (this) {
            started = server;
        }
        started.awaitTermination();
    }

    @Override
    public void close() {
        handlers.forEach(ChaincodeStreamHandler::close);
        Server started;
        synchronized (this) {
            started = server;
        }
        if (started != null) {
            started.shutdown();
            try {
                started.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.close();
    }
}
