package io.weft.ledger;

import org.hyperledger.fabric.protos.common.Block;

/**
 * The orderer's way in: appends blocks exactly as given (no transaction validation, no world state, metadata untouched),
 * with the same hash-chain checks, indexes and atomic synced write as a peer's commit. A ledger is used either through
 * this role (orderer) or through {@link BlockCommitter} (peer), never both.
 */
public interface BlockAppender {
    /**
     * Appends the next block.
     *
     * @throws LedgerException when the block is not the next one, does not chain to the last, or its data hash is wrong
     */
    void append(Block block);
}
