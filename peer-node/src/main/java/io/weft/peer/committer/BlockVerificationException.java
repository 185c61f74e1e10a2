package io.weft.peer.committer;

/** A block received from ordering that must not be committed: wrong number, broken hash chain or bad signatures. */
public final class BlockVerificationException extends CommitterException {
    private static final long serialVersionUID = 1L;

    public BlockVerificationException(String message) {
        super(message);
    }

    public BlockVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
