/**
 * Weft's contract layer: annotate a class with {@link io.weft.shim.contract.Contract}, its methods with {@link
 * io.weft.shim.contract.Transaction}, and serve it with {@link io.weft.shim.contract.ContractRouter}. Names and
 * semantics follow fabric-chaincode-shim's {@code org.hyperledger.fabric.contract}.
 */
package io.weft.shim.contract;
