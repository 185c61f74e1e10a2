package io.weft.peer.committer;

import io.weft.ledger.ValidatedBlock;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
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
 * @param type the header type name ({@code ENDORSER_TRANSACTION}, {@code CONFIG}) for the metrics, {@link #UNKNOWN}
 *     when the transaction is invalid (as Fabric labels the transactions its committer invalidated)
 * @param chaincode {@code name:version} of the invoked chaincode for the metrics, {@link #UNKNOWN} when there is none
 *     or the transaction is invalid
 * @param keys the public keys the transaction writes, for the key-level endorsement checks within the block
 * @param content what the ledger needs of a valid transaction, as decoded here (null when invalid: the ledger then
 *     decodes what it needs itself)
 */
public record TxOutcome(
        TxValidationCode code,
        String txId,
        String reason,
        boolean writesLifecycle,
        Envelope configEnvelope,
        String type,
        String chaincode,
        KeyWrites keys,
        ValidatedBlock.Content content) {

    /** The label value Fabric gives a transaction type or chaincode it could not determine. */
    public static final String UNKNOWN = "unknown";

    /** A public key of a namespace. */
    public record StateKey(String namespace, String key) {}

    /**
     * The public keys a transaction writes.
     *
     * @param written keys with a value write or a metadata write
     * @param metadataWritten keys whose metadata (for example the key-level endorsement policy) the transaction sets
     * @param changesKeyPolicies whether committing the transaction may change a key-level endorsement policy: it
     *     writes metadata, or deletes a key that has a policy
     */
    public record KeyWrites(List<StateKey> written, List<StateKey> metadataWritten, boolean changesKeyPolicies) {
        public static final KeyWrites NONE = new KeyWrites(List.of(), List.of(), false);

        public KeyWrites {
            written = List.copyOf(written);
            metadataWritten = List.copyOf(metadataWritten);
        }
    }

    static TxOutcome invalid(TxValidationCode code, String txId, String reason) {
        return new TxOutcome(code, txId, reason, false, null, UNKNOWN, UNKNOWN, KeyWrites.NONE, null);
    }

    static TxOutcome valid(ChannelHeader header, EndorsementCheck.Result endorsement) {
        return new TxOutcome(
                TxValidationCode.VALID,
                header.getTxId(),
                "",
                endorsement.writesLifecycle(),
                null,
                "ENDORSER_TRANSACTION",
                endorsement.chaincode(),
                endorsement.keys(),
                new ValidatedBlock.Content(
                        header.getTxId(), header.getTimestamp(), header.getType(), endorsement.rwSet()));
    }

    static TxOutcome config(ChannelHeader header, Envelope envelope) {
        return new TxOutcome(
                TxValidationCode.VALID,
                header.getTxId(),
                "",
                false,
                envelope,
                "CONFIG",
                UNKNOWN,
                KeyWrites.NONE,
                new ValidatedBlock.Content(header.getTxId(), header.getTimestamp(), header.getType(), null));
    }

    /** This outcome made invalid by a later check. */
    TxOutcome invalidated(TxValidationCode newCode, String newReason) {
        return invalid(newCode, txId, newReason);
    }

    public boolean isValid() {
        return code == TxValidationCode.VALID;
    }
}
