package io.weft.ledger.internal.rocksdb;

import com.google.protobuf.ByteString;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerMaintenance;
import io.weft.ledger.internal.BlockProcessor;
import io.weft.ledger.internal.BlockUpdates;
import io.weft.ledger.internal.EnvelopeParser;
import io.weft.ledger.internal.Keys;
import io.weft.ledger.internal.ParsedTx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuild and rollback on a stopped ledger. Both replay the stored blocks (their TRANSACTIONS_FILTER is final) into
 * empty state, history and indexes. They are restartable: an interrupted run leaves a store that refuses to open
 * until the action is run again.
 */
public final class RocksDbLedgerMaintenance implements LedgerMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbLedgerMaintenance.class);

    private final LedgerConfig config;

    public RocksDbLedgerMaintenance(LedgerConfig config) {
        this.config = config;
    }

    @Override
    public void rebuild(String channelId) {
        run(channelId, "rebuild", Long.MAX_VALUE);
    }

    @Override
    public void rollback(String channelId, long blockNumber) {
        if (blockNumber < 0) {
            throw new LedgerException("cannot roll back channel " + channelId + " to negative block " + blockNumber);
        }
        run(channelId, "roll back", blockNumber);
    }

    private void run(String channelId, String action, long target) {
        RocksDbLedgerProvider.checkChannelName(channelId);
        try (DirectoryLock lock = DirectoryLock.acquire(config.ledgersData(), action + " channel " + channelId)) {
            Path dir = RocksDbLedgerProvider.chainsDir(config).resolve(channelId);
            if (!Files.isDirectory(dir)) {
                throw new LedgerException("no ledger for channel " + channelId + " in " + dir);
            }
            try (RocksDbStore store = RocksDbStore.open(channelId, dir, config.syncWrites())) {
                long last = lastBlock(store);
                if (target != Long.MAX_VALUE && target > last) {
                    throw new LedgerException("cannot roll back channel " + channelId + " to block " + target
                            + ": the ledger's last block is " + last);
                }
                long upTo = Math.min(target, last);
                truncateBlocks(store, upTo, last);
                replay(store, upTo);
                LOG.info("[{}] {} done: ledger at block {}", channelId, action, upTo);
            } catch (RocksDBException e) {
                throw new LedgerException("channel " + channelId + ": " + action + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static long lastBlock(RocksDbStore store) {
        try (RocksIterator it = store.newIterator(store.blocks, new ReadOptions())) {
            it.seekToLast();
            if (!it.isValid()) {
                throw new LedgerException("channel " + store.channelId() + ": the block store is empty");
            }
            return Keys.longOf(it.key());
        }
    }

    private static void truncateBlocks(RocksDbStore store, long upTo, long last) throws RocksDBException {
        if (upTo == last) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(store.blocks, StoreLayout.blockKey(upTo + 1), StoreLayout.blockKey(last + 1));
            store.write(batch, "truncate blocks");
        }
    }

    private static void replay(RocksDbStore store, long upTo) throws RocksDBException {
        String channel = store.channelId();
        store.dropAll(store.state);
        store.dropAll(store.history);
        store.dropAll(store.index);
        store.dropAll(store.meta);
        byte[] previousHash = new byte[0];
        try (ReadOptions latest = new ReadOptions()) {
            BlockProcessor processor = new BlockProcessor(store.stateView(latest));
            for (long n = 0; n <= upTo; n++) {
                Block block = readBlock(store, n);
                if (!Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), previousHash)) {
                    throw new LedgerException("channel " + channel + ": block " + n + " does not chain to block "
                            + (n - 1) + ": the block store is corrupt");
                }
                List<ParsedTx> txs = new ArrayList<>();
                for (ByteString envelope : block.getData().getDataList()) {
                    txs.add(EnvelopeParser.parse(envelope));
                }
                BlockUpdates updates = processor.replay(n, txs, storedCodes(channel, block));
                byte[] hash = BlockHashes.headerHash(block.getHeader());
                try (WriteBatch batch = new WriteBatch()) {
                    CommitWriter.stage(
                            store,
                            batch,
                            n,
                            hash,
                            txs,
                            updates,
                            txId -> store.get(store.index, StoreLayout.txKey(txId)) != null,
                            new StoreLayout.ChainInfo(n + 1, hash, previousHash));
                    store.write(batch, "rebuild of block " + n);
                }
                previousHash = hash;
            }
        }
    }

    private static Block readBlock(RocksDbStore store, long n) {
        byte[] bytes = store.get(store.blocks, StoreLayout.blockKey(n));
        if (bytes == null) {
            throw new LedgerException(
                    "channel " + store.channelId() + ": block " + n + " is missing from the block store");
        }
        try {
            return Block.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new LedgerException("channel " + store.channelId() + ": block " + n + " is corrupt", e);
        }
    }

    private static List<TxValidationCode> storedCodes(String channel, Block block) {
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        if (filter.size() != block.getData().getDataCount()) {
            throw new LedgerException(
                    "channel " + channel + ": block " + block.getHeader().getNumber()
                            + " has a TRANSACTIONS_FILTER of " + filter.size() + " bytes for "
                            + block.getData().getDataCount() + " transactions");
        }
        List<TxValidationCode> codes = new ArrayList<>(filter.size());
        for (int i = 0; i < filter.size(); i++) {
            TxValidationCode code = TxValidationCode.forNumber(filter.byteAt(i) & 0xFF);
            codes.add(code == null ? TxValidationCode.INVALID_OTHER_REASON : code);
        }
        return codes;
    }
}
