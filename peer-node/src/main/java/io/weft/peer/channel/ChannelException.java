package io.weft.peer.channel;

import io.weft.peer.committer.CommitterException;

/** A channel operation that cannot be done: joining an existing channel, joining from a non-genesis block, ... */
public class ChannelException extends CommitterException {
    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
