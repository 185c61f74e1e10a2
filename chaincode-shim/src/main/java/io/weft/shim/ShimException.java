package io.weft.shim;

/**
 * A failure of the shim itself: the peer refused a request (its ERROR text is in the message), the stream to the peer
 * ended, a reply could not be decoded, or the configuration is invalid.
 */
public class ShimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShimException(String message) {
        super(message);
    }

    public ShimException(String message, Throwable cause) {
        super(message, cause);
    }
}
