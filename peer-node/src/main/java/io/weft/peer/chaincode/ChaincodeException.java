package io.weft.peer.chaincode;

/**
 * Any failure of chaincode support: a package that cannot be installed, a chaincode that cannot be launched, times
 * out, crashes or answers with an error. Messages name the chaincode, the transaction and the limit involved.
 */
public class ChaincodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChaincodeException(String message) {
        super(message);
    }

    public ChaincodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
