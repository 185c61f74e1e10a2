package io.weft.shim.contract;

import io.weft.shim.Chaincode;
import io.weft.shim.ChaincodeStub;
import io.weft.shim.internal.ContractDispatcher;
import java.util.List;

/**
 * A {@link Chaincode} made of contracts: {@code Shim.start(new ContractRouter(new MyContract()), args)}. The function
 * argument {@code "name:function"} selects a contract by name, a bare {@code "function"} the {@link Default} contract
 * (or the only one); {@code org.hyperledger.fabric:GetMetadata} returns the contracts' metadata JSON. Contracts are
 * given explicitly rather than found by scanning the class path.
 */
public final class ContractRouter implements Chaincode {
    private final ContractDispatcher dispatcher;

    /** @throws IllegalArgumentException when a contract is malformed (the message names the class and method) */
    public ContractRouter(ContractInterface... contracts) {
        this.dispatcher = new ContractDispatcher(List.of(contracts));
    }

    @Override
    public Response init(ChaincodeStub stub) {
        return dispatcher.dispatch(stub);
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        return dispatcher.dispatch(stub);
    }

    /** The JSON returned by {@code org.hyperledger.fabric:GetMetadata}. */
    public String getMetadata() {
        return dispatcher.metadata();
    }
}
