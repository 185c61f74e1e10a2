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

    private MspException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }

    /**
     * An exception without a stack trace, for outcomes that are normal while evaluating a policy (an identity that
     * does not satisfy a principal): policies try principal after principal, and a stack trace per try would cost
     * more than the check itself. The message says what did not match.
     */
    public static MspException noStack(String message) {
        return new MspException(message, null, false);
    }

    /** {@link #noStack(String)} with a cause. */
    public static MspException noStack(String message, Throwable cause) {
        return new MspException(message, cause, false);
    }
}
