package io.weft.orderer;

import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.ChannelConfig;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import io.weft.msp.SigningIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The channels this orderer serves: joined through the channel participation API, restored from the ledgers at start. */
public final class ChannelRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistrar.class);

    private final LedgerProvider ledgers;
    private final SigningIdentity signer;
    private final CryptoProvider crypto;
    private final int queueCapacity;
    private final Map<String, OrdererChannel> channels = new ConcurrentHashMap<>();

    public ChannelRegistrar(LedgerProvider ledgers, SigningIdentity signer, CryptoProvider crypto, int queueCapacity) {
        this.ledgers = ledgers;
        this.signer = signer;
        this.crypto = crypto;
        this.queueCapacity = queueCapacity;
    }

    /** Opens every channel that has a ledger and starts ordering on it. */
    public void start() {
        for (String channelId : ledgers.channels()) {
            ChannelLedger ledger = ledgers.get(channelId)
                    .orElseThrow(() -> new OrdererException("channel " + channelId + " has no ledger"));
            Block last = ledger.getBlockByNumber(ledger.height() - 1)
                    .orElseThrow(() -> new OrdererException("channel " + channelId + ": last block is missing"));
            long configIndex = BlockSignatures.lastConfigIndexOrZero(last);
            Block configBlock = ledger.getBlockByNumber(configIndex)
                    .orElseThrow(() -> new OrdererException(
                            "channel " + channelId + ": config block " + configIndex + " is missing"));
            channels.put(channelId, startChannel(channelId, ledger, ChannelConfig.fromBlock(configBlock, crypto)));
            LOG.info("[{}] serving channel at height {}", channelId, ledger.height());
        }
    }

    /**
     * Joins a channel from its genesis block.
     *
     * @throws OrdererException when the block is not a genesis config block or the channel already exists
     */
    public synchronized OrdererChannel join(Block genesis) {
        if (genesis.getHeader().getNumber() != 0) {
            throw new OrdererException("a join block must be a channel's genesis block (number 0), this one is block "
                    + genesis.getHeader().getNumber());
        }
        ChannelConfig config;
        try {
            config = ChannelConfig.fromBlock(genesis, crypto);
        } catch (MspException e) {
            throw new OrdererException("the join block is not a valid config block: " + e.getMessage(), e);
        }
        String channelId = config.channelId();
        if (channels.containsKey(channelId) || ledgers.channels().contains(channelId)) {
            throw new ChannelExistsException(channelId);
        }
        OrdererChannel channel = startChannel(channelId, ledgers.create(genesis), config);
        channels.put(channelId, channel);
        LOG.info("[{}] joined channel", channelId);
        return channel;
    }

    private OrdererChannel startChannel(String channelId, ChannelLedger ledger, ChannelConfig config) {
        OrdererChannel channel = new OrdererChannel(channelId, ledger, config);
        SoloConsenter consenter =
                new SoloConsenter(channelId, ledger, new BlockFactory(signer), channel::batchSettings, queueCapacity);
        channel.attach(consenter);
        consenter.start();
        return channel;
    }

    public Optional<OrdererChannel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    public List<String> channels() {
        return channels.keySet().stream().sorted().toList();
    }

    /**
     * Stops serving a channel and deletes its ledger.
     *
     * @throws OrdererException when the orderer does not serve the channel
     */
    public synchronized void remove(String channelId) {
        OrdererChannel channel = channels.remove(channelId);
        if (channel == null) {
            throw new UnknownChannelException(channelId);
        }
        channel.close();
        ledgers.remove(channelId);
        LOG.info("[{}] removed channel", channelId);
    }

    @Override
    public void close() {
        channels.values().forEach(OrdererChannel::close);
        channels.clear();
    }

    /** The channel is already joined. */
    public static final class ChannelExistsException extends OrdererException {
        private static final long serialVersionUID = 1L;

        ChannelExistsException(String channelId) {
            super("channel " + channelId + " already exists");
        }
    }

    /** The orderer does not serve the channel. */
    public static final class UnknownChannelException extends OrdererException {
        private static final long serialVersionUID = 1L;

        UnknownChannelException(String channelId) {
            super("channel " + channelId + " does not exist");
        }
    }
}
