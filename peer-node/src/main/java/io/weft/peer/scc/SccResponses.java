package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import org.hyperledger.fabric.protos.peer.Response;

/** The responses system chaincodes return, with the status codes Fabric's shim uses. */
final class SccResponses {
    static final int OK = 200;
    static final int NOT_FOUND = 404;
    static final int ERROR = 500;

    private SccResponses() {}

    static Response ok(ByteString payload) {
        return Response.newBuilder().setStatus(OK).setPayload(payload).build();
    }

    static Response ok(MessageLite payload) {
        return ok(payload.toByteString());
    }

    static Response error(String message) {
        return Response.newBuilder().setStatus(ERROR).setMessage(message).build();
    }

    static Response notFound(String message) {
        return Response.newBuilder().setStatus(NOT_FOUND).setMessage(message).build();
    }
}
