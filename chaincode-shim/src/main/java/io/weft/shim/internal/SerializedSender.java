package io.weft.shim.internal;

import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the outbound stream: a gRPC {@link StreamObserver} is not thread-safe, and every transaction
 * thread sends on it. After the stream ends, sends are dropped.
 */
final class SerializedSender {
    private static final Logger LOG = LoggerFactory.getLogger(SerializedSender.class);

    private final StreamObserver<ChaincodeMessage> outbound;
    private boolean closed;

    SerializedSender(StreamObserver<ChaincodeMessage> outbound) {
        this.outbound = outbound;
    }

    /** Sends a message; returns false when the stream has ended or the send failed. */
    synchronized boolean send(ChaincodeMessage message) {
        if (closed) {
            LOG.debug("stream closed; dropping {}", ChaincodeMessages.describe(message));
            return false;
        }
        try {
            outbound.onNext(message);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not send {}: {}", ChaincodeMessages.describe(message), e.toString());
            return false;
        }
    }

    /** Ends the outbound stream (half-close), once. */
    synchronized void complete() {
        if (!closed) {
            closed = true;
            try {
                outbound.onCompleted();
            } catch (RuntimeException e) {
                LOG.debug("completing the stream failed: {}", e.toString());
            }
        }
    }

    /** Marks the stream as ended by the other side; nothing more is sent. */
    synchronized void markClosed() {
        closed = true;
    }
}
