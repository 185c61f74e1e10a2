package io.weft.peer.chaincode;

import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** Serves a chaincode stream with the peer's protocol handler; used for streams the peer dials (CCaaS). */
@FunctionalInterface
public interface ChaincodeStreamConnector {
    /**
     * Creates the peer's handler for a new stream. Call {@link Connection#attach} with the stream toward the
     * chaincode before any message of the chaincode is delivered to {@link Connection#fromChaincode}.
     */
    Connection connect(String origin);

    /** The two directions of one stream. */
    interface Connection {
        StreamObserver<ChaincodeMessage> fromChaincode();

        void attach(StreamObserver<ChaincodeMessage> toChaincode);
    }
}
