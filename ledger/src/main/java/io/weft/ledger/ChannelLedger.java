package io.weft.ledger;

/**
 * One channel's ledger: its blocks, world state, history and tx index in its own store. Consumers should depend on
 * the narrowest role they need ({@link BlockReader}, {@link BlockCommitter}, {@link QueryExecutor} via
 * {@link #newQueryExecutor()}, ...).
 */
public interface ChannelLedger extends BlockReader, BlockCommitter, BlockAppender, AutoCloseable {
    /**
     * A read-only view of the state after the last committed block. Unlike a simulator it records nothing, so several
     * threads may read through it at once (the committer's validation threads do).
     */
    QueryExecutor newQueryExecutor();

    /** A simulator for one transaction on the state after the last committed block. */
    TxSimulator newTxSimulator(String txId);

    HistoryReader historyReader();

    @Override
    void close();
}
