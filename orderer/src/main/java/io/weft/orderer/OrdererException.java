package io.weft.orderer;

/** Failures of the ordering service: bad blocks, bad configuration, consensus and storage errors. */
public class OrdererException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrdererException(String message) {
        super(message);
    }

    public OrdererException(String message, Throwable cause) {
        super(message, cause);
    }
}
