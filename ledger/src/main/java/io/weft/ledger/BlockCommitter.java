package io.weft.ledger;

/** Commits validated blocks to a channel's ledger, one at a time in chain order. */
public interface BlockCommitter {
    /**
     * Runs the MVCC and phantom checks for the transactions still valid, sets TRANSACTIONS_FILTER, and writes block,
     * indexes, state, history and savepoint as one atomic synced batch.
     *
     * @throws LedgerException if the block does not extend the chain (number, previous hash, data hash) or the write
     *     fails; a failed write leaves the ledger at the previous block
     */
    CommittedBlock commit(ValidatedBlock block);

    void addCommitListener(CommitListener listener);

    void removeCommitListener(CommitListener listener);
}
