package io.weft.orderer;

import com.google.protobuf.ByteString;

/** Orders a channel's envelopes into blocks. Implementations: a single-node consenter now, Raft later. */
public interface Consenter extends AutoCloseable {
    void start();

    /**
     * Accepts a validated envelope for ordering.
     *
     * @return false when the consenter's queue is full (the client should retry later)
     */
    boolean order(ByteString envelope);

    @Override
    void close();
}
