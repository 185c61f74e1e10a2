package io.weft.shim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chaincode: the peer calls {@link #init} for an INIT message and {@link #invoke} for each TRANSACTION. Both run on a
 * transaction thread of the shim; many run at once, so an implementation must be thread-safe.
 */
public interface Chaincode {
    /** Called for an INIT message (only when the chaincode definition requires initialisation). */
    Response init(ChaincodeStub stub);

    /** Called for each TRANSACTION message. */
    Response invoke(ChaincodeStub stub);

    /** What a transaction answers: a status (200 OK, 400+ rejected, 500 error), a message and a payload. */
    final class Response {
        private final int statusCode;
        private final String message;
        private final byte[] payload;

        public Response(Status status, String message, byte[] payload) {
            this(status.getCode(), message, payload);
        }

        public Response(int statusCode, String message, byte[] payload) {
            this.statusCode = statusCode;
            this.message = message;
            this.payload = payload == null ? null : payload.clone();
        }

        /** The status as a {@link Status}, or null when the code is not one of the named ones. */
        public Status getStatus() {
            return Status.hasStatusForCode(statusCode) ? Status.forCode(statusCode) : null;
        }

        public int getStatusCode() {
            return statusCode;
        }

        public String getMessage() {
            return message;
        }

        public byte[] getPayload() {
            return payload == null ? null : payload.clone();
        }

        public String getStringPayload() {
            return payload == null ? null : new String(payload, UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Response that
                    && statusCode == that.statusCode
                    && Objects.equals(message, that.message)
                    && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hash(statusCode, message) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Response{status=" + statusCode + ", message=" + message + ", payload="
                    + (payload == null ? 0 : payload.length) + " bytes}";
        }

        /** The status codes Fabric gives a meaning to. */
        public enum Status {
            SUCCESS(200),
            ERROR_THRESHOLD(400),
            INTERNAL_SERVER_ERROR(500);

            private final int code;

            Status(int code) {
                this.code = code;
            }

            public int getCode() {
                return code;
            }

            /** @throws IllegalArgumentException for a code that has no name */
            public static Status forCode(int code) {
                for (Status status : values()) {
                    if (status.code == code) {
                        return status;
                    }
                }
                throw new IllegalArgumentException("no status for code " + code);
            }

            public static boolean hasStatusForCode(int code) {
                for (Status status : values()) {
                    if (status.code == code) {
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
