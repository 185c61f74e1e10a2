package io.weft.peer.cli.peer;

/** A failure while a peer command runs (exit 1); the message is what the user reads after {@code Error: }. */
class PeerCliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerCliException(String message) {
        super(message);
    }

    PeerCliException(String message, Throwable cause) {
        super(message, cause);
    }
}
