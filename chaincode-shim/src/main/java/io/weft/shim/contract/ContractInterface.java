package io.weft.shim.contract;

import io.weft.shim.ChaincodeStub;

/**
 * Implemented by contract classes. One instance serves every transaction, concurrently: keep no per-transaction state
 * in fields.
 */
public interface ContractInterface {
    /** Creates the context passed to each transaction function. */
    default Context createContext(ChaincodeStub stub) {
        return new Context(stub);
    }

    /** Called before the transaction function. */
    default void beforeTransaction(Context ctx) {}

    /** Called after the transaction function returned {@code result}. */
    default void afterTransaction(Context ctx, Object result) {}

    /**
     * Called for a function this contract does not have. When not overridden, the transaction fails with status 500
     * naming the function and the known ones; an override that returns normally answers 200 with an empty payload.
     */
    default void unknownTransaction(Context ctx) {}
}
