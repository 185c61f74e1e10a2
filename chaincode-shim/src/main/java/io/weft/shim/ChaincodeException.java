package io.weft.shim;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Thrown by chaincode to fail a transaction with a message and an optional payload; the client sees status 500 with
 * both. Same constructors as fabric-chaincode-shim's {@code ChaincodeException}.
 */
public class ChaincodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // a byte[] is serializable; the field is only ever an array
    private final byte[] payload;

    public ChaincodeException(String message) {
        this(message, (byte[]) null);
    }

    public ChaincodeException(String message, byte[] payload) {
        super(message);
        this.payload = payload == null ? null : payload.clone();
    }

    /** A failure whose payload is a string such as an error code ({@code "ASSET_NOT_FOUND"}). */
    public ChaincodeException(String message, String payload) {
        this(message, payload == null ? null : payload.getBytes(UTF_8));
    }

    public ChaincodeException(Throwable cause) {
        super(cause);
        this.payload = null;
    }

    public ChaincodeException(String message, Throwable cause) {
        super(message, cause);
        this.payload = null;
    }

    public byte[] getPayload() {
        return payload == null ? null : payload.clone();
    }
}
