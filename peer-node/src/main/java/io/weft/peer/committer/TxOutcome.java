package io.weft.peer.committer;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What validating one transaction found.
 *
 * @param code the validation code (VALID when every check passed)
 * @param txId the channel header's tx id, empty when the header did not decode
 * @param reason why the transaction is invalid, empty when it is valid
 * @param writesLifecycle whether the transaction writes the {@code _lifecycle} namespace (a chaincode definition may
 *     change with it)
 * @param configEnvelope the envelope of a CONFIG transaction that passed the envelope checks, else null
 */
public record TxOutcome(
        TxValidationCode code, String txId, String reason, boolean writesLifecycle, Envelope configEnvelope) {

    static TxOutcome invalid(TxValidationCode code, String txId, String reason) {
        return new TxOutcome(code, txId, reason, false, null);
    }

    static TxOutcome valid(String txId, boolean writesLifecycle) {
        return new TxOutcome(TxValidationCode.VALID, txId, "", writesLifecycle, null);
    }

    static TxOutcome config(String txId, Envelope envelope) {
        return new TxOutcome(TxValidationCode.VALID, txId, "", false, envelope);
    }

    public boolean isValid() {
        return code == TxValidationCode.VALID;
    }
}
