package io.weft.orderer;

import io.weft.ledger.ChannelLedger;
import io.weft.msp.ChannelConfig;

/** One channel the orderer serves: its ledger, its current configuration and its consenter. */
public final class OrdererChannel implements BlockDelivery.Channel, AutoCloseable {
    private final String channelId;
    private final ChannelLedger ledger;
    private final HeightWatcher heightWatcher;
    private Consenter consenter;
    private volatile ChannelConfig config;

    OrdererChannel(String channelId, ChannelLedger ledger, ChannelConfig config) {
        this.channelId = channelId;
        this.ledger = ledger;
        this.config = config;
        this.heightWatcher = new HeightWatcher(ledger);
        ledger.addCommitListener(heightWatcher);
    }

    void attach(Consenter newConsenter) {
        this.consenter = newConsenter;
    }

    @Override
    public HeightWatcher heightWatcher() {
        return heightWatcher;
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

    public Consenter consenter() {
        return consenter;
    }

    /** The batch settings of the current configuration. */
    public BatchSettings batchSettings() {
        return batchSettings(config);
    }

    static BatchSettings batchSettings(ChannelConfig config) {
        ChannelConfig.BatchSize size = config.batchSize();
        return new BatchSettings(
                size.maxMessageCount(), size.absoluteMaxBytes(), size.preferredMaxBytes(), config.batchTimeout());
    }

    @Override
    public void close() {
        consenter.close();
        ledger.removeCommitListener(heightWatcher);
    }
}
