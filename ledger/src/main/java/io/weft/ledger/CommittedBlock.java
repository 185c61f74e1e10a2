package io.weft.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A committed block as stored (TRANSACTIONS_FILTER set) with its final per-transaction codes and tx ids (empty
 * string for an envelope without one), and how long the ledger spent on it.
 */
public record CommittedBlock(
        String channelId, Block block, List<TxValidationCode> codes, List<String> txIds, Timings timings) {
    /**
     * Where the ledger's time for one block went.
     *
     * @param stateValidation the duplicate tx id, MVCC and phantom checks (zero for a block appended unvalidated)
     * @param write the one atomic, synced write of block, indexes, state, history and savepoint
     */
    public record Timings(Duration stateValidation, Duration write) {
        public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO);

        public Timings {
            Objects.requireNonNull(stateValidation, "stateValidation");
            Objects.requireNonNull(write, "write");
        }
    }

    public CommittedBlock {
        codes = List.copyOf(codes);
        txIds = List.copyOf(txIds);
        Objects.requireNonNull(timings, "timings");
    }

    /** A committed block without timings. */
    public CommittedBlock(String channelId, Block block, List<TxValidationCode> codes, List<String> txIds) {
        this(channelId, block, codes, txIds, Timings.NONE);
    }

    public long number() {
        return block.getHeader().getNumber();
    }
}
