package io.weft.ledger;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where a committed transaction is and how it was judged: what CommitStatus answers.
 *
 * @param code the validation code recorded (of the first occurrence if the tx id was duplicated)
 * @param blockNumber the block that holds that occurrence
 */
public record TxStatus(TxValidationCode code, long blockNumber) {}
