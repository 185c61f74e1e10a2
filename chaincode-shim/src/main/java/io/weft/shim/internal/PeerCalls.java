package io.weft.shim.internal;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** Sends one request of a transaction to the peer and waits for its answer. */
interface PeerCalls {
    /**
     * Sends {@code type} with {@code payload} (echoing the transaction's channel and ID) and returns the RESPONSE
     * payload.
     *
     * @throws io.weft.shim.ShimException when the peer answers ERROR, the stream ends, or no answer comes in time
     */
    ByteString call(ChaincodeMessage.Type type, ByteString payload);
}
