package io.weft.peer.scc;

import org.hyperledger.fabric.protos.peer.Response;

/**
 * A chaincode that runs inside the peer ({@code _lifecycle}, {@code cscc}, {@code qscc}). The endorser has already
 * unpacked and authenticated the proposal; the system chaincode checks its own per-function ACLs, as Fabric's do.
 */
public interface SystemChaincode {
    /** The chaincode name proposals address, e.g. {@code qscc}. */
    String name();

    /**
     * Runs one invocation. Bad input and refused access are answered with a {@link Response} of status 400-500 and
     * a message saying what was wrong; this method does not throw for them.
     */
    Response invoke(SccInvocation invocation);
}
