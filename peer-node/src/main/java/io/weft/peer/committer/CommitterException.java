package io.weft.peer.committer;

/**
 * A failure of the commit path: a block that does not verify (chain, data hash, orderer signatures) or a channel that
 * cannot commit. Messages name the channel and the block. Invalid transactions are not exceptions: they get a
 * {@code TxValidationCode}.
 */
public class CommitterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommitterException(String message) {
        super(message);
    }

    public CommitterException(String message, Throwable cause) {
        super(message, cause);
    }
}
