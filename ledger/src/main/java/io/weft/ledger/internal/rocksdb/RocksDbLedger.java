package io.weft.ledger.internal.rocksdb;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.CommitListener;
import io.weft.ledger.CommittedBlock;
import io.weft.ledger.HistoryReader;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.QueryExecutor;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.TxStatus;
import io.weft.ledger.ValidatedBlock;
import io.weft.ledger.internal.BlockProcessor;
import io.weft.ledger.internal.BlockUpdates;
import io.weft.ledger.internal.EnvelopeParser;
import io.weft.ledger.internal.Keys;
import io.weft.ledger.internal.ParsedTx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A channel ledger on its own RocksDB instance. Commits are serialized; reads run on snapshots. */
public final class RocksDbLedger implements ChannelLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbLedger.class);
    private static final int METADATA_ENTRIES = 5;

    private final String channelId;
    private final RocksDbStore store;
    private final LedgerConfig config;
    private final Runnable onClose;
    /** Readers take it shared while they touch the store; commit (briefly) and close take it exclusively. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Object commitLock = new Object();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    @GuardedBy("lock")
    private StoreLayout.ChainInfo chainInfo;

    @GuardedBy("lock")
    private boolean closed;

    private RocksDbLedger(
            String channelId,
            RocksDbStore store,
            LedgerConfig config,
            StoreLayout.ChainInfo chainInfo,
            Runnable onClose) {
        this.channelId = channelId;
        this.store = store;
        this.config = config;
        this.chainInfo = chainInfo;
        this.onClose = onClose;
    }

    /** Opens an existing ledger and checks that it is consistent (see {@link Recovery}). */
    static RocksDbLedger open(String channelId, Path dir, LedgerConfig config, Runnable onClose) {
        RocksDbStore store = RocksDbStore.open(channelId, dir, config.syncWrites());
        try {
            StoreLayout.ChainInfo info = Recovery.check(store);
            return new RocksDbLedger(channelId, store, config, info, onClose);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Creates a ledger in an empty directory and commits the genesis block. */
    static RocksDbLedger create(String channelId, Path dir, LedgerConfig config, Block genesis, Runnable onClose) {
        RocksDbStore store = RocksDbStore.open(channelId, dir, config.syncWrites());
        RocksDbLedger ledger = new RocksDbLedger(
                channelId, store, config, new StoreLayout.ChainInfo(0, new byte[0], new byte[0]), onClose);
        try {
            ledger.commit(ValidatedBlock.allValid(genesis));
            return ledger;
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
    }

    @Override
    public String channelId() {
        return channelId;
    }

    private StoreLayout.ChainInfo info() {
        lock.readLock().lock();
        try {
            checkOpen();
            return chainInfo;
        } finally {
            lock.readLock().unlock();
        }
    }

    @GuardedBy("lock")
    private void checkOpen() {
        if (closed) {
            throw new LedgerException("channel " + channelId + ": ledger is closed");
        }
    }

    @Override
    public long height() {
        return info().height();
    }

    @Override
    public BlockchainInfo blockchainInfo() {
        StoreLayout.ChainInfo info = info();
        return BlockchainInfo.newBuilder()
                .setHeight(info.height())
                .setCurrentBlockHash(ByteString.copyFrom(info.currentHash()))
                .setPreviousBlockHash(ByteString.copyFrom(info.previousHash()))
                .build();
    }

    @Override
    public Optional<Block> getBlockByNumber(long number) {
        byte[] bytes = read(() -> store.get(store.blocks, StoreLayout.blockKey(number)));
        return Optional.ofNullable(bytes).map(b -> parseBlock(number, b));
    }

    Block parseBlock(long number, byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("channel " + channelId + ": block " + number + " is corrupt in the store", e);
        }
    }

    @Override
    public Optional<Block> getBlockByHash(byte[] headerHash) {
        byte[] number = read(() -> store.get(store.index, StoreLayout.hashKey(headerHash)));
        return number == null ? Optional.empty() : getBlockByNumber(Keys.longOf(number));
    }

    private Optional<StoreLayout.TxLocation> txLocation(String txId) {
        byte[] bytes = read(() -> store.get(store.index, StoreLayout.txKey(txId)));
        return Optional.ofNullable(bytes).map(StoreLayout::txLocation);
    }

    @Override
    public Optional<Block> getBlockByTxId(String txId) {
        return txLocation(txId).flatMap(loc -> getBlockByNumber(loc.blockNum()));
    }

    @Override
    public Optional<ProcessedTransaction> getTransactionById(String txId) {
        return txLocation(txId).flatMap(loc -> getBlockByNumber(loc.blockNum()).map(block -> {
            try {
                return ProcessedTransaction.newBuilder()
                        .setTransactionEnvelope(
                                Envelope.parseFrom(block.getData().getData(loc.txNum())))
                        .setValidationCode(loc.code())
                        .build();
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerException(
                        "channel " + channelId + ": transaction " + txId + " in block " + loc.blockNum()
                                + " is not an envelope",
                        e);
            }
        }));
    }

    @Override
    public Optional<TxValidationCode> getTxValidationCode(String txId) {
        return getTxStatus(txId).map(TxStatus::code);
    }

    @Override
    public Optional<TxStatus> getTxStatus(String txId) {
        return txLocation(txId).map(loc -> {
            TxValidationCode code = TxValidationCode.forNumber(loc.code());
            return new TxStatus(code == null ? TxValidationCode.INVALID_OTHER_REASON : code, loc.blockNum());
        });
    }

    @Override
    public ResultsIterator<Block> blocksFrom(long startNumber) {
        return new ResultsIterator<>() {
            private long next = startNumber;

            @Override
            public boolean hasNext() {
                return next < height();
            }

            @Override
            public Block next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no block " + next + " yet on channel " + channelId);
                }
                long number = next++;
                return getBlockByNumber(number)
                        .orElseThrow(() -> new LedgerException(
                                "channel " + channelId + ": block " + number + " below height is missing"));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public CommittedBlock commit(ValidatedBlock validated) {
        synchronized (commitLock) {
            long started = System.nanoTime();
            Block block = validated.block();
            long number = block.getHeader().getNumber();
            StoreLayout.ChainInfo info = info();
            checkExtends(block, info);
            List<ParsedTx> txs = new ArrayList<>(block.getData().getDataCount());
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                ValidatedBlock.Content content = validated.content(i);
                txs.add(
                        content == null
                                ? EnvelopeParser.parse(block.getData().getData(i))
                                : new ParsedTx(
                                        content.txId(),
                                        content.timestamp(),
                                        content.headerType(),
                                        content.rwSet(),
                                        null));
            }
            Set<String> alreadyIndexed = alreadyIndexed(txs);
            BlockUpdates updates;
            try (ReadOptions latest = new ReadOptions()) {
                updates = new BlockProcessor(store.stateView(latest))
                        .validate(number, txs, validated.codes(), alreadyIndexed::contains);
            }
            long validatedAt = System.nanoTime();
            Block stored = withFilter(block, updates.transactionsFilter());
            byte[] hash = BlockHashes.headerHash(block.getHeader());
            StoreLayout.ChainInfo newInfo = new StoreLayout.ChainInfo(number + 1, hash, info.currentHash());
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(store.blocks, StoreLayout.blockKey(number), stored.toByteArray());
                CommitWriter.stage(store, batch, number, hash, txs, updates, alreadyIndexed::contains, newInfo);
                lock.writeLock().lock();
                try {
                    checkOpen();
                    store.write(batch, "commit of block " + number);
                    chainInfo = newInfo;
                } finally {
                    lock.writeLock().unlock();
                }
            } catch (RocksDBException e) {
                throw store.failure("staging of block " + number, e);
            }
            long done = System.nanoTime();
            List<TxValidationCode> codes = Arrays.asList(updates.codes());
            long valid = codes.stream().filter(c -> c == TxValidationCode.VALID).count();
            LOG.info(
                    "[{}] Committed block [{}] with {} transaction(s) ({} valid) in {}ms (state validation={}ms"
                            + " commit={}ms)",
                    channelId,
                    number,
                    txs.size(),
                    valid,
                    (done - started) / 1_000_000,
                    (validatedAt - started) / 1_000_000,
                    (done - validatedAt) / 1_000_000);
            CommittedBlock committed = new CommittedBlock(
                    channelId,
                    stored,
                    codes,
                    txs.stream().map(ParsedTx::txId).toList(),
                    new CommittedBlock.Timings(
                            Duration.ofNanos(validatedAt - started), Duration.ofNanos(done - validatedAt)));
            notifyListeners(committed);
            return committed;
        }
    }

    @Override
    public void append(Block block) {
        synchronized (commitLock) {
            long number = block.getHeader().getNumber();
            StoreLayout.ChainInfo info = info();
            checkExtends(block, info);
            List<ParsedTx> txs = new ArrayList<>(block.getData().getDataCount());
            for (ByteString envelope : block.getData().getDataList()) {
                txs.add(EnvelopeParser.parse(envelope));
            }
            Set<String> alreadyIndexed = alreadyIndexed(txs);
            BlockUpdates updates = new BlockUpdates(txs.size());
            Arrays.fill(updates.codes(), TxValidationCode.NOT_VALIDATED);
            byte[] hash = BlockHashes.headerHash(block.getHeader());
            StoreLayout.ChainInfo newInfo = new StoreLayout.ChainInfo(number + 1, hash, info.currentHash());
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(store.blocks, StoreLayout.blockKey(number), block.toByteArray());
                CommitWriter.stage(store, batch, number, hash, txs, updates, alreadyIndexed::contains, newInfo);
                lock.writeLock().lock();
                try {
                    checkOpen();
                    store.write(batch, "append of block " + number);
                    chainInfo = newInfo;
                } finally {
                    lock.writeLock().unlock();
                }
            } catch (RocksDBException e) {
                throw store.failure("staging of block " + number, e);
            }
            notifyListeners(new CommittedBlock(
                    channelId,
                    block,
                    Arrays.asList(updates.codes()),
                    txs.stream().map(ParsedTx::txId).toList()));
        }
    }

    private Set<String> alreadyIndexed(List<ParsedTx> txs) {
        List<String> ids = txs.stream()
                .map(ParsedTx::txId)
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<byte[]> keys = ids.stream().map(StoreLayout::txKey).toList();
        List<byte[]> values;
        try (ReadOptions latest = new ReadOptions()) {
            values = store.multiGet(store.index, latest, keys);
        }
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) != null) {
                found.add(ids.get(i));
            }
        }
        return found;
    }

    private void checkExtends(Block block, StoreLayout.ChainInfo info) {
        long number = block.getHeader().getNumber();
        if (number != info.height()) {
            throw new LedgerException(
                    "channel " + channelId + ": cannot commit block " + number + ", expected block " + info.height());
        }
        if (!Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), info.currentHash())) {
            throw new LedgerException("channel " + channelId + ": block " + number
                    + " previous hash does not match the hash of block " + (number - 1));
        }
        if (!Arrays.equals(block.getHeader().getDataHash().toByteArray(), BlockHashes.dataHash(block.getData()))) {
            throw new LedgerException(
                    "channel " + channelId + ": block " + number + " data hash does not match its data");
        }
    }

    static Block withFilter(Block block, byte[] filter) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(filter));
        return block.toBuilder().setMetadata(metadata).build();
    }

    private void notifyListeners(CommittedBlock committed) {
        for (CommitListener listener : listeners) {
            try {
                listener.onBlockCommitted(committed);
            } catch (RuntimeException e) {
                LOG.warn("[{}] commit listener {} failed on block {}", channelId, listener, committed.number(), e);
            }
        }
    }

    @Override
    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeCommitListener(CommitListener listener) {
        listeners.remove(listener);
    }

    @Override
    public QueryExecutor newQueryExecutor() {
        return newSimulator("", false);
    }

    @Override
    public TxSimulator newTxSimulator(String txId) {
        return newSimulator(txId, true);
    }

    private RocksDbTxSimulator newSimulator(String txId, boolean recording) {
        lock.readLock().lock();
        try {
            checkOpen();
            Snapshot snapshot = store.snapshot();
            return new RocksDbTxSimulator(this, store, snapshot, chainInfo.height(), config, txId, recording);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public HistoryReader historyReader() {
        return new RocksDbHistoryReader(this, store);
    }

    /** Runs a store read while the ledger cannot close underneath it. */
    <T> T read(java.util.function.Supplier<T> action) {
        lock.readLock().lock();
        try {
            checkOpen();
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Releases a reader's snapshot unless the store is already closed (which released everything). */
    void release(Snapshot snapshot) {
        lock.readLock().lock();
        try {
            if (!closed) {
                store.release(snapshot);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        synchronized (commitLock) {
            lock.writeLock().lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                store.close();
            } finally {
                lock.writeLock().unlock();
            }
        }
        onClose.run();
    }
}
