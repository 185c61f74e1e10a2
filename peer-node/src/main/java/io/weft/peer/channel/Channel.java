package io.weft.peer.channel;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.CommittedBlock;
import io.weft.ledger.QueryExecutor;
import io.weft.msp.ChannelConfig;
import io.weft.orderer.BlockDelivery;
import io.weft.orderer.HeightWatcher;
import io.weft.peer.committer.BlockValidation;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.committer.BlockVerifier;
import io.weft.peer.committer.CommitterException;
import io.weft.peer.committer.CommitterMetrics;
import io.weft.peer.committer.LifecycleChaincodeDefinitions;
import io.weft.peer.committer.StateValidationParameters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel this peer has joined: its ledger, its configuration in force, and the commit path for blocks received
 * from ordering: verify (chain, data hash, orderer signatures) -> validate (signatures and endorsement policies in
 * parallel) -> ledger commit (duplicates, MVCC, phantoms, one atomic write) -> new config if it was a config block.
 *
 * <p>{@link #submit} pipelines: the validation of block N+1 runs while block N is being written, except when block N
 * changes what validation reads (a config block, or a write of {@code _lifecycle}); then N+1 waits for N's commit. At
 * most one block is being written while the next is validated.
 */
public final class Channel implements BlockDelivery.Channel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    private final String channelId;
    private final ChannelLedger ledger;
    private final BlockVerifier verifier;
    private final BlockValidator validator;
    private final Executor commitExecutor;
    private final CommitterMetrics metrics;
    private final HeightWatcher heightWatcher;
    private volatile ChannelConfig config;

    @GuardedBy("this")
    private CompletableFuture<CommittedBlock> pending;

    @GuardedBy("this")
    private boolean pendingChangesInputs;

    @GuardedBy("this")
    private BlockVerifier.ChainTip submittedTip;

    /**
     * @param config the configuration in force at the ledger's height
     * @param commitExecutor writes blocks to the ledger; blocks of one channel are chained, so any executor keeps
     *     their order
     */
    public Channel(
            ChannelLedger ledger,
            ChannelConfig config,
            BlockVerifier verifier,
            BlockValidator validator,
            Executor commitExecutor,
            CommitterMetrics metrics) {
        this.channelId = ledger.channelId();
        this.ledger = ledger;
        this.config = config;
        this.verifier = verifier;
        this.validator = validator;
        this.commitExecutor = commitExecutor;
        this.metrics = metrics;
        this.heightWatcher = new HeightWatcher(ledger);
        ledger.addCommitListener(heightWatcher);
    }

    public String channelId() {
        return channelId;
    }

    @Override
    public ChannelLedger ledger() {
        return ledger;
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public HeightWatcher heightWatcher() {
        return heightWatcher;
    }

    /**
     * Verifies, validates and commits a block, waiting for the commit.
     *
     * @throws CommitterException when the block does not verify or cannot be committed
     */
    public CommittedBlock commit(Block block) {
        CompletableFuture<CommittedBlock> future = submit(block);
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Verifies and validates a block now and queues its ledger write behind the previous block's.
     *
     * @return completes when the block is committed
     * @throws CommitterException when the block does not verify, or an earlier queued commit failed
     */
    public synchronized CompletableFuture<CommittedBlock> submit(Block block) {
        if (pending != null && (pendingChangesInputs || pending.isCompletedExceptionally())) {
            awaitPending();
        }
        BlockVerifier.ChainTip tip = submittedTip != null ? submittedTip : ledgerTip();
        ChannelConfig current = config;
        long started = System.nanoTime();
        verifier.verify(block, tip, current);
        BlockValidation validation;
        try (QueryExecutor state = ledger.newQueryExecutor()) {
            validation = validator.validate(
                    block, current, new LifecycleChaincodeDefinitions(state), new StateValidationParameters(state));
        }
        Duration validating = Duration.ofNanos(System.nanoTime() - started);
        CompletableFuture<CommittedBlock> previous =
                pending == null ? CompletableFuture.completedFuture(null) : pending;
        if (pending != null) {
            awaitPending(); // at most one block written while the next is validated
        }
        pending = previous.thenApplyAsync(ignored -> write(block, validation, validating), commitExecutor);
        pendingChangesInputs = validation.changesValidationInputs();
        submittedTip = new BlockVerifier.ChainTip(
                block.getHeader().getNumber() + 1, ByteString.copyFrom(BlockHashes.headerHash(block.getHeader())));
        return pending;
    }

    /**
     * Waits until every submitted block is committed.
     *
     * @throws CommitterException when a queued commit failed (the ledger stays at the last good block)
     */
    public synchronized void flush() {
        if (pending != null) {
            awaitPending();
        }
    }

    /** The number of the next block to submit: the ledger height plus blocks queued for commit. */
    public synchronized long nextBlockNumber() {
        return submittedTip != null ? submittedTip.nextNumber() : ledger.height();
    }

    @GuardedBy("this")
    private void awaitPending() {
        try {
            pending.join();
        } catch (CompletionException e) {
            pending = null;
            submittedTip = null;
            throw unwrap(e);
        }
        pending = null;
        submittedTip = null;
    }

    private BlockVerifier.ChainTip ledgerTip() {
        var info = ledger.blockchainInfo();
        return new BlockVerifier.ChainTip(info.getHeight(), info.getCurrentBlockHash());
    }

    private CommittedBlock write(Block block, BlockValidation validation, Duration validating) {
        long started = System.nanoTime();
        CommittedBlock committed = ledger.commit(validation.forLedger(block));
        metrics.blockCommitted(validation, committed, validating.plusNanos(System.nanoTime() - started));
        if (validation.newConfig().isPresent() && committed.codes().get(0) == TxValidationCode.VALID) {
            ChannelConfig next = validation.newConfig().get();
            config = next;
            LOG.info("[{}] Applied config sequence {} from block [{}]", channelId, next.sequence(), committed.number());
        }
        return committed;
    }

    private static CommitterException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CommitterException committer) {
            return committer;
        }
        return new CommitterException(cause.getMessage(), cause);
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (CommitterException e) {
            LOG.warn("[{}] last commit failed while closing: {}", channelId, e.getMessage());
        }
        ledger.removeCommitListener(heightWatcher);
    }
}
