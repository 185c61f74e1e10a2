package io.weft.shim;

import io.grpc.ManagedChannel;
import io.weft.shim.internal.ChaincodeStreamHandler;
import io.weft.shim.internal.TransactionPool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * A chaincode that dials the peer ({@code protos.ChaincodeSupport/Register}) and serves its transactions until the
 * stream ends. One stream serves every channel.
 */
public final class ChaincodeClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final TransactionPool pool;
    private final ChaincodeStreamHandler handler;

    /** @param channel a channel to the peer's chaincode listener; closed with this client */
    public ChaincodeClient(ShimConfig config, Chaincode chaincode, ManagedChannel channel) {
        this.channel = channel;
        this.pool = new TransactionPool(config.maxConcurrency());
        this.handler = new ChaincodeStreamHandler(
                config.chaincodeId(), chaincode, config.localMspId(), pool, config.peerResponseTimeout());
    }

    /** Opens the stream and sends REGISTER; returns at once. */
    public void start() {
        handler.connect(ChaincodeSupportGrpc.newStub(channel).register(handler.inbound()));
    }

    /** Completes when the peer has answered REGISTERED and READY. */
    public CompletableFuture<Void> ready() {
        return handler.ready();
    }

    /** Blocks until the stream has ended. */
    public void awaitTermination() throws InterruptedException {
        try {
            handler.termination().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ShimException("waiting for the chaincode stream failed", e);
        }
    }

    /** Waits up to {@code timeout} for the stream to end; true when it has. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            handler.termination().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ShimException("waiting for the chaincode stream failed", e);
        }
    }

    /** Ends the stream, stops taking transactions and shuts the channel down. */
    @Override
    public void close() {
        handler.close();
        pool.close();
        channel.shutdown();
    }
}
