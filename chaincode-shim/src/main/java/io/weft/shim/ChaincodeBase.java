package io.weft.shim;

/**
 * Base class for a chaincode with its own {@code main}: {@code new MyChaincode().start(args)} reads Fabric's
 * environment and arguments and serves the peer until the stream ends.
 */
public abstract class ChaincodeBase implements Chaincode {
    /** Starts the shim for this chaincode and blocks until the connection to the peer ends. */
    public void start(String[] args) {
        Shim.start(this, args);
    }
}
