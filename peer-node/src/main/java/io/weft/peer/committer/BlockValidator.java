package io.weft.peer.committer;

import io.weft.msp.ChannelConfig;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the transactions of a verified block before the ledger's MVCC phase: each transaction is checked by the
 * {@link TransactionValidator} on the bounded executor given (signatures and policies in parallel), results are
 * collected in block order, so the outcome never depends on thread timing. Then, in block order, a transaction that
 * writes a key whose key-level endorsement policy an earlier (so far valid) transaction of the block sets is
 * ENDORSEMENT_POLICY_FAILURE, as on Fabric (its endorsements were collected under a policy no longer in force). A
 * CONFIG transaction must be alone in its block and carry the next config sequence. Duplicate tx ids (in the ledger
 * and within the block) and MVCC/phantom checks are left to {@code ChannelLedger.commit}, which runs them in block
 * order.
 */
public final class BlockValidator {
    private static final Logger LOG = LoggerFactory.getLogger(BlockValidator.class);

    private final Executor executor;
    private final CryptoProvider crypto;
    private final TransactionValidator transactions = new TransactionValidator();
    private final int helpers = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * @param executor runs the validation tasks of a block alongside the calling thread; a bounded pool named for the
     *     committer (when it rejects a task, the calling thread does that share)
     */
    public BlockValidator(Executor executor, CryptoProvider crypto) {
        this.executor = executor;
        this.crypto = crypto;
    }

    /**
     * Validates every transaction of {@code block} against the configuration, chaincode definitions and key-level
     * endorsement policies given (all as committed before this block).
     */
    public BlockValidation validate(
            Block block, ChannelConfig config, ChaincodeDefinitions definitions, ValidationParameters parameters) {
        long number = block.getHeader().getNumber();
        ValidationContext context = new ValidationContext(number, config, definitions, parameters);
        int count = block.getData().getDataCount();
        List<TxOutcome> outcomes = validateAll(block, context);
        checkKeyPolicyUpdatesInBlock(outcomes);
        Optional<ChannelConfig> newConfig = Optional.empty();
        for (int i = 0; i < count; i++) {
            TxOutcome outcome = outcomes.get(i);
            if (outcome.configEnvelope() != null) {
                ConfigCheck check = configTransaction(outcome, count, config);
                outcomes.set(i, check.outcome());
                newConfig = check.config();
            }
            if (!outcomes.get(i).isValid()) {
                TxOutcome invalid = outcomes.get(i);
                LOG.info(
                        "[{}] Block [{}] transaction {} [{}] is invalid: {}: {}",
                        config.channelId(),
                        number,
                        i,
                        invalid.txId(),
                        invalid.code(),
                        invalid.reason());
            }
        }
        return new BlockValidation(number, outcomes, newConfig);
    }

    /**
     * Validates every transaction, in parallel: up to {@link #helpers} tasks on the executor and the calling thread
     * take the next unvalidated transaction until none is left (a few hand-offs per block rather than one per
     * transaction), each outcome stored at its transaction's index.
     */
    private List<TxOutcome> validateAll(Block block, ValidationContext context) {
        int count = block.getData().getDataCount();
        TxOutcome[] outcomes = new TxOutcome[count];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                outcomes[i] = transactions.validate(block.getData().getData(i), context);
            }
        };
        List<CompletableFuture<Void>> tasks = new ArrayList<>(helpers);
        for (int t = 0; t < Math.min(helpers, count - 1); t++) {
            try {
                tasks.add(CompletableFuture.runAsync(worker, executor));
            } catch (RejectedExecutionException e) {
                break; // the pool is saturated: the calling thread does the rest
            }
        }
        try {
            worker.run();
            tasks.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw unexpected(block, context, e.getCause());
        } catch (RuntimeException e) {
            throw unexpected(block, context, e);
        }
        return new ArrayList<>(Arrays.asList(outcomes));
    }

    private static CommitterException unexpected(Block block, ValidationContext context, Throwable cause) {
        return new CommitterException(
                "channel " + context.channelId() + ", block "
                        + block.getHeader().getNumber() + ": validation failed unexpectedly: " + cause,
                cause);
    }

    /**
     * Fabric's in-block dependency of state-based endorsement: once a valid transaction sets the metadata of a key,
     * later transactions of the block that write the key (or its metadata) are invalid.
     */
    private static void checkKeyPolicyUpdatesInBlock(List<TxOutcome> outcomes) {
        Map<TxOutcome.StateKey, Integer> updatedBy = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            TxOutcome outcome = outcomes.get(i);
            if (!outcome.isValid()) {
                continue;
            }
            if (!updatedBy.isEmpty()) {
                for (TxOutcome.StateKey key : outcome.keys().written()) {
                    Integer earlier = updatedBy.get(key);
                    if (earlier != null) {
                        outcome = outcome.invalidated(
                                TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                                "the key-level endorsement policy of key " + key.key() + " of namespace "
                                        + key.namespace() + " was updated by transaction " + earlier + " ["
                                        + outcomes.get(earlier).txId() + "] earlier in this block");
                        outcomes.set(i, outcome);
                        break;
                    }
                }
            }
            if (outcome.isValid()) {
                for (TxOutcome.StateKey key : outcome.keys().metadataWritten()) {
                    updatedBy.putIfAbsent(key, i);
                }
            }
        }
    }

    private record ConfigCheck(TxOutcome outcome, Optional<ChannelConfig> config) {
        static ConfigCheck invalid(TxOutcome outcome, String reason) {
            return new ConfigCheck(
                    TxOutcome.invalid(TxValidationCode.INVALID_CONFIG_TRANSACTION, outcome.txId(), reason),
                    Optional.empty());
        }
    }

    private ConfigCheck configTransaction(TxOutcome outcome, int count, ChannelConfig current) {
        if (count != 1) {
            return ConfigCheck.invalid(
                    outcome, "a config transaction must be alone in its block; this block holds " + count);
        }
        ChannelConfig next;
        try {
            next = ChannelConfig.fromEnvelope(outcome.configEnvelope(), crypto);
        } catch (MspException e) {
            return ConfigCheck.invalid(outcome, "the new config is not valid: " + e.getMessage());
        }
        if (!next.channelId().equals(current.channelId())) {
            return ConfigCheck.invalid(
                    outcome, "the new config is of channel " + next.channelId() + ", not " + current.channelId());
        }
        if (next.sequence() != current.sequence() + 1) {
            return ConfigCheck.invalid(
                    outcome,
                    "the new config has sequence " + next.sequence() + "; expected " + (current.sequence() + 1)
                            + " (the current sequence + 1)");
        }
        return new ConfigCheck(outcome, Optional.of(next));
    }
}
