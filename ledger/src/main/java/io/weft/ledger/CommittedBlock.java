package io.weft.ledger;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A committed block as stored (TRANSACTIONS_FILTER set) with its final per-transaction codes and tx ids (empty
 * string for an envelope without one).
 */
public record CommittedBlock(String channelId, Block block, List<TxValidationCode> codes, List<String> txIds) {
    public CommittedBlock {
        codes = List.copyOf(codes);
        txIds = List.copyOf(txIds);
    }

    public long number() {
        return block.getHeader().getNumber();
    }
}
