package io.weft.peer.endorser;

import io.grpc.Status;

/** A proposal refused before simulation; the endorser answers it with a gRPC error of this status. */
public final class ProposalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Status.Code code;

    public ProposalException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
