package io.weft.shim.contract;

import io.weft.shim.ChaincodeStub;

/** What a transaction function is given: the stub of its transaction. Subclass it to carry more per-call state. */
public class Context {
    private final ChaincodeStub stub;

    public Context(ChaincodeStub stub) {
        this.stub = stub;
    }

    public ChaincodeStub getStub() {
        return stub;
    }
}
