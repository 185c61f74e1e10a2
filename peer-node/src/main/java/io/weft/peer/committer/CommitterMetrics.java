package io.weft.peer.committer;

import io.weft.ledger.CommittedBlock;
import io.weft.peer.operations.Metrics;
import java.time.Duration;
import java.util.List;

/**
 * The commit path's Prometheus metrics, under Fabric's names and labels (Fabric's kvledger): block processing and
 * storage times per channel, and committed transactions per channel, type, chaincode and validation code.
 */
public final class CommitterMetrics {
    private final Metrics.Histogram blockProcessingTime;
    private final Metrics.Histogram blockStorageCommitTime;
    private final Metrics.Counter transactions;

    public CommitterMetrics(Metrics metrics) {
        blockProcessingTime = metrics.histogram(
                "ledger_block_processing_time",
                "Time taken in seconds for ledger block processing (Weft: validation and commit of the block).",
                "channel");
        blockStorageCommitTime = metrics.histogram(
                "ledger_blockstorage_and_pvtdata_commit_time",
                "Time taken in seconds for committing the block and private data to storage"
                        + " (Weft: one atomic write of block, indexes, state and history).",
                "channel");
        transactions = metrics.counter(
                "ledger_transaction_count",
                "Number of transactions processed.",
                "channel",
                "transaction_type",
                "chaincode",
                "validation_code");
    }

    /**
     * Records a committed block.
     *
     * @param validation what the committer's validation found (the type and chaincode of each transaction)
     * @param committed the block as the ledger committed it (the final codes, after MVCC)
     * @param processing the time spent validating and committing the block (not waiting for the previous block)
     */
    public void blockCommitted(BlockValidation validation, CommittedBlock committed, Duration processing) {
        String channel = committed.channelId();
        blockProcessingTime.observe(seconds(processing), channel);
        blockStorageCommitTime.observe(seconds(committed.timings().write()), channel);
        List<TxOutcome> outcomes = validation.outcomes();
        for (int i = 0; i < committed.codes().size(); i++) {
            TxOutcome outcome = i < outcomes.size() ? outcomes.get(i) : null;
            boolean labelled = outcome != null && outcome.isValid();
            transactions.inc(
                    channel,
                    labelled ? outcome.type() : TxOutcome.UNKNOWN,
                    labelled ? outcome.chaincode() : TxOutcome.UNKNOWN,
                    committed.codes().get(i).name());
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
