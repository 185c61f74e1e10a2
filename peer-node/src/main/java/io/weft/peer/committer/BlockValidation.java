package io.weft.peer.committer;

import io.weft.ledger.ValidatedBlock;
import io.weft.msp.ChannelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The result of validating a block before MVCC: one outcome per transaction, in block order.
 *
 * @param newConfig the configuration a valid config transaction of this block brings; it takes effect once the block
 *     is committed
 */
public record BlockValidation(long blockNumber, List<TxOutcome> outcomes, Optional<ChannelConfig> newConfig) {
    public BlockValidation {
        outcomes = List.copyOf(outcomes);
    }

    /** The codes, in block order, to hand to the ledger. */
    public List<TxValidationCode> codes() {
        return outcomes.stream().map(TxOutcome::code).toList();
    }

    /** The block with its codes and what validation decoded of its valid transactions, for the ledger. */
    public ValidatedBlock forLedger(Block block) {
        List<ValidatedBlock.Content> contents = new ArrayList<>(outcomes.size());
        for (TxOutcome outcome : outcomes) {
            contents.add(outcome.isValid() ? outcome.content() : null);
        }
        return new ValidatedBlock(block, codes(), contents);
    }

    /**
     * Whether state that validation reads may change with this block: a new config, a (so far valid) write of
     * {@code _lifecycle}, or of a key-level endorsement policy (a metadata write, or the delete of a key that has one).
     * Validation of the next block must then wait for this block's commit.
     */
    public boolean changesValidationInputs() {
        return newConfig.isPresent()
                || outcomes.stream()
                        .anyMatch(o ->
                                o.isValid() && (o.writesLifecycle() || o.keys().changesKeyPolicies()));
    }
}
