package io.weft.msp;

/** Any failure of identity handling: a bad MSP folder, an identity that does not validate, a bad signature. */
public class MspException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MspException(String message) {
        super(message);
    }

    public MspException(String message, Throwable cause) {
        super(message, cause);
    }
}
