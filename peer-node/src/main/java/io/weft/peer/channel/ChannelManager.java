package io.weft.peer.channel;

import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.ChannelConfig;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import io.weft.orderer.BlockSignatures;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.committer.BlockVerifier;
import io.weft.peer.committer.CommitterMetrics;
import io.weft.peer.operations.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this peer has joined: JoinChain from a genesis block (what {@code cscc JoinChain} and
 * {@code peer channel join -b} do), restore at start, list, unjoin. Each channel's configuration at start comes from
 * its last config block, found through the LAST_CONFIG index in the last block's SIGNATURES metadata.
 */
public final class ChannelManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelManager.class);

    private final LedgerProvider ledgers;
    private final CryptoProvider crypto;
    private final BlockVerifier verifier = new BlockVerifier();
    private final BlockValidator validator;
    private final Executor commitExecutor;
    private final CommitterMetrics metrics;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Channel>> joinListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param validator shared by every channel (its executor bounds validation threads for the whole peer)
     * @param commitExecutor writes blocks to ledgers; each channel chains its own commits, so order holds per channel
     * @param metrics where the channels' commit metrics are registered
     */
    public ChannelManager(
            LedgerProvider ledgers,
            CryptoProvider crypto,
            BlockValidator validator,
            Executor commitExecutor,
            Metrics metrics) {
        this.ledgers = ledgers;
        this.crypto = crypto;
        this.validator = validator;
        this.commitExecutor = commitExecutor;
        this.metrics = new CommitterMetrics(metrics);
    }

    /**
     * Opens every channel that has a ledger, with the configuration of its last config block.
     *
     * @throws ChannelException naming the channel whose ledger or config cannot be read
     */
    public synchronized void restore() {
        for (String channelId : ledgers.channels()) {
            if (channels.containsKey(channelId)) {
                continue;
            }
            ChannelLedger ledger = ledgers.get(channelId)
                    .orElseThrow(() -> new ChannelException("channel " + channelId + " has no ledger"));
            long height = ledger.height();
            Block last = ledger.getBlockByNumber(height - 1)
                    .orElseThrow(() -> new ChannelException(
                            "channel " + channelId + ": last block " + (height - 1) + " is missing"));
            long configIndex = BlockSignatures.lastConfigIndexOrZero(last);
            Block configBlock = ledger.getBlockByNumber(configIndex)
                    .orElseThrow(() -> new ChannelException(
                            "channel " + channelId + ": config block " + configIndex + " is missing"));
            ChannelConfig config;
            try {
                config = ChannelConfig.fromBlock(configBlock, crypto);
            } catch (MspException e) {
                throw new ChannelException(
                        "channel " + channelId + ": config block " + configIndex + " does not read: " + e.getMessage(),
                        e);
            }
            channels.put(channelId, new Channel(ledger, config, verifier, validator, commitExecutor, metrics));
            LOG.info(
                    "[{}] Restored channel at height {} with config sequence {} (block {})",
                    channelId,
                    height,
                    config.sequence(),
                    configIndex);
        }
    }

    /**
     * Joins a channel: reads its genesis block's config and creates its ledger with that block.
     *
     * @throws ChannelException when the block is not a genesis config block or the channel is already joined
     */
    public synchronized Channel joinChain(Block genesis) {
        if (genesis.getHeader().getNumber() != 0) {
            throw new ChannelException("JoinChain needs a channel's genesis block (number 0); this is block "
                    + genesis.getHeader().getNumber());
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(genesis, crypto);
        } catch (MspException e) {
            throw new ChannelException("JoinChain needs a config block: " + e.getMessage(), e);
        }
        String channelId = config.channelId();
        if (channels.containsKey(channelId) || ledgers.channels().contains(channelId)) {
            throw new ChannelException("cannot join channel " + channelId + ": the peer has already joined it");
        }
        Channel channel = new Channel(ledgers.create(genesis), config, verifier, validator, commitExecutor, metrics);
        channels.put(channelId, channel);
        LOG.info("[{}] Joined channel (config sequence {})", channelId, config.sequence());
        joinListeners.forEach(listener -> listener.accept(channel));
        return channel;
    }

    /** Called with every channel joined from now on (the peer starts pulling its blocks). */
    public void addJoinListener(java.util.function.Consumer<Channel> listener) {
        joinListeners.add(listener);
    }

    /** The joined channels, sorted. */
    public List<String> channels() {
        return channels.keySet().stream().sorted().toList();
    }

    public Optional<Channel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /**
     * Leaves a channel and deletes its ledger. Stop the channel's deliver client first.
     *
     * @throws ChannelException when the peer has not joined the channel
     */
    public synchronized void unjoin(String channelId) {
        Channel channel = channels.remove(channelId);
        if (channel == null) {
            throw new ChannelException("cannot unjoin channel " + channelId + ": the peer has not joined it");
        }
        channel.close();
        ledgers.remove(channelId);
        LOG.info("[{}] Left channel and removed its ledger", channelId);
    }

    @Override
    public void close() {
        channels.values().forEach(Channel::close);
        channels.clear();
    }
}
