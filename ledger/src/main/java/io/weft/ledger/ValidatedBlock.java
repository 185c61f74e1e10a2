package io.weft.ledger;

import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block received from ordering plus, per transaction, the code the committer's earlier phase (structure,
 * signatures, endorsement policy) found. The ledger runs MVCC only for transactions still {@code VALID}.
 */
public record ValidatedBlock(Block block, List<TxValidationCode> codes) {
    public ValidatedBlock {
        Objects.requireNonNull(block, "block");
        codes = List.copyOf(codes);
        if (codes.size() != block.getData().getDataCount()) {
            throw new LedgerException("block " + block.getHeader().getNumber() + " has "
                    + block.getData().getDataCount() + " transactions but " + codes.size() + " validation codes");
        }
        if (codes.contains(TxValidationCode.NOT_VALIDATED)) {
            throw new LedgerException("block " + block.getHeader().getNumber()
                    + " has a transaction left NOT_VALIDATED by the validator");
        }
    }

    /** A block whose transactions all passed the earlier phase. */
    public static ValidatedBlock allValid(Block block) {
        return new ValidatedBlock(
                block, java.util.Collections.nCopies(block.getData().getDataCount(), TxValidationCode.VALID));
    }
}
