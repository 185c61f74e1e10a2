package io.weft.orderer;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.ChannelLedger;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node consenter: one thread per channel takes envelopes from a bounded queue, cuts them into batches by the
 * channel's BatchSize and BatchTimeout, and appends each block (numbered, hash-chained, signed) to the orderer's
 * ledger before anyone can deliver it.
 */
public final class SoloConsenter implements Consenter {
    private static final Logger LOG = LoggerFactory.getLogger(SoloConsenter.class);

    private final String channelId;
    private final ChannelLedger ledger;
    private final BlockFactory blockFactory;
    private final Supplier<BatchSettings> settings;
    private final BlockingQueue<ByteString> queue;
    private final Thread thread;
    private volatile boolean running;

    /**
     * @param settings read before each envelope, so a config change takes effect for the next batch
     * @param queueCapacity envelopes waiting to be ordered before {@link #order} refuses more
     */
    public SoloConsenter(
            String channelId,
            ChannelLedger ledger,
            BlockFactory blockFactory,
            Supplier<BatchSettings> settings,
            int queueCapacity) {
        this.channelId = channelId;
        this.ledger = ledger;
        this.blockFactory = blockFactory;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "orderer-solo-" + channelId);
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public boolean order(ByteString envelope) {
        return running && queue.offer(envelope);
    }

    private void run() {
        BlockCutter cutter = new BlockCutter(settings.get());
        long deadline = Long.MAX_VALUE;
        while (running) {
            try {
                long wait = deadline == Long.MAX_VALUE ? 1_000_000_000L : deadline - System.nanoTime();
                ByteString envelope = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                BatchSettings current = settings.get();
                cutter.update(current);
                if (envelope != null) {
                    List<List<ByteString>> batches = cutter.ordered(envelope);
                    for (List<ByteString> batch : batches) {
                        write(batch);
                    }
                    if (!cutter.hasPending()) {
                        deadline = Long.MAX_VALUE;
                    } else if (!batches.isEmpty() || deadline == Long.MAX_VALUE) {
                        // a new batch started with this envelope: its timer starts now
                        deadline = System.nanoTime() + current.batchTimeout().toNanos();
                    }
                } else if (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
                    write(cutter.cut());
                    deadline = Long.MAX_VALUE;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A block that cannot be written stops ordering on this channel; a restart recovers from the ledger.
                LOG.error("[{}] ordering stopped: {}", channelId, e.toString(), e);
                running = false;
                return;
            }
        }
    }

    private void write(List<ByteString> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long number = ledger.height();
        var info = ledger.blockchainInfo();
        var block = blockFactory.create(number, info.getCurrentBlockHash(), batch, lastConfigIndex());
        ledger.append(block);
        LOG.info(
                "[{}] Created block [{}] with {} transaction(s), hash {}",
                channelId,
                number,
                batch.size(),
                hex(BlockHashes.headerHash(block.getHeader())));
    }

    private long lastConfigIndex() {
        long last = ledger.height() - 1;
        return ledger.getBlockByNumber(last)
                .map(BlockSignatures::lastConfigIndexOrZero)
                .orElse(0L);
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(6, bytes.length); i++) {
            out.append(String.format("%02x", bytes[i]));
        }
        return out.toString();
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
