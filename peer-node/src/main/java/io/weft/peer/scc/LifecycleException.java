package io.weft.peer.scc;

/**
 * A {@code _lifecycle} function or definition lookup that cannot complete: bad input, a sequence rule, a state that
 * does not decode. {@link #status()} is the response status Fabric gives it (404 for an undefined chaincode or a
 * missing package, else 500).
 */
public class LifecycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public LifecycleException(String message) {
        this(message, SccResponses.ERROR);
    }

    public LifecycleException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
