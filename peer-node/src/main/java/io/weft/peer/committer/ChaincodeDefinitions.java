package io.weft.peer.committer;

import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * The committed chaincode definitions of a channel, as the committer needs them: how to validate the transactions of
 * a namespace. Implementations must be safe to call from several validation threads at once.
 */
public interface ChaincodeDefinitions {
    /** The validation plugin and parameter of a defined chaincode; empty when no chaincode of that name is defined. */
    Optional<ChaincodeValidationInfo> validationInfo(String chaincodeName);
}
