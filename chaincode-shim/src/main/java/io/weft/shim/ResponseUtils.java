package io.weft.shim;

import io.weft.shim.Chaincode.Response;
import io.weft.shim.Chaincode.Response.Status;

/** Shorthands for the two kinds of {@link Response}, named as in fabric-chaincode-shim. */
public final class ResponseUtils {
    private ResponseUtils() {}

    public static Response newSuccessResponse(String message, byte[] payload) {
        return new Response(Status.SUCCESS, message, payload);
    }

    public static Response newSuccessResponse() {
        return newSuccessResponse(null, null);
    }

    public static Response newSuccessResponse(String message) {
        return newSuccessResponse(message, null);
    }

    public static Response newSuccessResponse(byte[] payload) {
        return newSuccessResponse(null, payload);
    }

    public static Response newErrorResponse(String message, byte[] payload) {
        return new Response(Status.INTERNAL_SERVER_ERROR, message, payload);
    }

    public static Response newErrorResponse() {
        return newErrorResponse((String) null, null);
    }

    public static Response newErrorResponse(String message) {
        return newErrorResponse(message, null);
    }

    public static Response newErrorResponse(byte[] payload) {
        return newErrorResponse(null, payload);
    }

    /**
     * A 500 response for a failure: a {@link ChaincodeException} gives its message and payload; any other throwable
     * gives its type and message (never a stack trace).
     */
    public static Response newErrorResponse(Throwable throwable) {
        if (throwable instanceof ChaincodeException chaincodeException) {
            return newErrorResponse(chaincodeException.getMessage(), chaincodeException.getPayload());
        }
        return newErrorResponse("Unexpected error: " + throwable, null);
    }
}
