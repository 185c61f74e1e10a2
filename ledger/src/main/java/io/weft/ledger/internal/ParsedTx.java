package io.weft.ledger.internal;

import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What the ledger needs of one envelope of a block.
 *
 * @param txId empty when the envelope has no readable channel header
 * @param rwSet the public read-write set of an endorser transaction, or null (config and other types carry none)
 * @param parseError null, or the code a VALID transaction gets because its rwset cannot be read
 */
public record ParsedTx(
        String txId, Timestamp timestamp, int headerType, TxReadWriteSet rwSet, TxValidationCode parseError) {}
