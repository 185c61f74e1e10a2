package io.weft.ledger.internal.rocksdb;

import io.weft.ledger.LedgerException;
import io.weft.ledger.internal.StateView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** One channel's RocksDB instance and its column families; wraps RocksDB errors with the channel. */
final class RocksDbStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    static final String BLOCKS = "blocks";
    static final String INDEX = "index";
    static final String STATE = "state";
    static final String HISTORY = "history";
    static final String META = "meta";
    private static final List<String> FAMILIES = List.of(BLOCKS, INDEX, STATE, HISTORY, META);

    private final String channelId;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final List<ColumnFamilyOptions> cfOptions;
    private final LRUCache cache;
    private final List<ColumnFamilyHandle> handles;
    private final WriteOptions writeOptions;
    final ColumnFamilyHandle blocks;
    final ColumnFamilyHandle index;
    final ColumnFamilyHandle state;
    final ColumnFamilyHandle history;
    final ColumnFamilyHandle meta;

    private RocksDbStore(
            String channelId,
            RocksDB db,
            DBOptions dbOptions,
            List<ColumnFamilyOptions> cfOptions,
            LRUCache cache,
            List<ColumnFamilyHandle> handles,
            boolean sync) {
        this.channelId = channelId;
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.cache = cache;
        this.handles = handles;
        this.writeOptions = new WriteOptions().setSync(sync);
        this.blocks = handles.get(1);
        this.index = handles.get(2);
        this.state = handles.get(3);
        this.history = handles.get(4);
        this.meta = handles.get(5);
    }

    static RocksDbStore open(String channelId, Path dir, boolean sync) {
        LRUCache cache = new LRUCache(64L << 20);
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setParanoidChecks(true);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(64L << 20)
                // a Bloom filter over the memtable's keys: most point reads at commit look for keys that are not
                // there (new transaction IDs, new state keys) and would otherwise walk the memtable's skip list
                .setMemtablePrefixBloomSizeRatio(0.02)
                .setMemtableWholeKeyFiltering(true)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(10))
                        .setCacheIndexAndFilterBlocks(true)
                        .setPinL0FilterAndIndexBlocksInCache(true));
        // blocks are written once and never updated: kept in blob files (values out of the SSTs), so compactions of
        // the blocks family rewrite only the small keys, not every block again and again; like Fabric's block files
        ColumnFamilyOptions blockOptions = new ColumnFamilyOptions(cfOptions)
                .setEnableBlobFiles(true)
                .setMinBlobSize(0)
                .setBlobFileSize(256L << 20)
                .setBlobCompressionType(CompressionType.LZ4_COMPRESSION);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (String family : FAMILIES) {
            descriptors.add(new ColumnFamilyDescriptor(
                    family.getBytes(StandardCharsets.US_ASCII), family.equals(BLOCKS) ? blockOptions : cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            return new RocksDbStore(channelId, db, dbOptions, List.of(cfOptions, blockOptions), cache, handles, sync);
        } catch (RocksDBException | java.io.IOException e) {
            cfOptions.close();
            blockOptions.close();
            dbOptions.close();
            cache.close();
            throw new LedgerException(
                    "channel " + channelId + ": cannot open ledger store " + dir + ": " + e.getMessage(), e);
        }
    }

    String channelId() {
        return channelId;
    }

    byte[] get(ColumnFamilyHandle cf, byte[] key) {
        try {
            return db.get(cf, key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    byte[] get(ColumnFamilyHandle cf, ReadOptions options, byte[] key) {
        try {
            return db.get(cf, options, key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    List<byte[]> multiGet(ColumnFamilyHandle cf, ReadOptions options, List<byte[]> keys) {
        List<ColumnFamilyHandle> cfs = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            cfs.add(cf);
        }
        try {
            return db.multiGetAsList(options, cfs, keys);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    void write(WriteBatch batch, String what) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure(what, e);
        }
    }

    RocksIterator newIterator(ColumnFamilyHandle cf, ReadOptions options) {
        return db.newIterator(cf, options);
    }

    Snapshot snapshot() {
        return db.getSnapshot();
    }

    void release(Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    void dropAll(ColumnFamilyHandle cf) {
        try (RocksIterator it = db.newIterator(cf)) {
            it.seekToFirst();
            if (!it.isValid()) {
                return;
            }
            byte[] first = it.key();
            it.seekToLast();
            byte[] last = it.key();
            try (WriteBatch batch = new WriteBatch()) {
                batch.deleteRange(cf, first, last);
                batch.delete(cf, last);
                db.write(writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw failure("clear", e);
        }
    }

    LedgerException failure(String what, RocksDBException e) {
        return new LedgerException("channel " + channelId + ": ledger store " + what + " failed: " + e.getMessage(), e);
    }

    /** Committed state as seen by {@code options} (latest, or a snapshot). */
    StateView stateView(ReadOptions options) {
        return new StateView() {
            @Override
            public byte[] get(byte[] stateKey) {
                return RocksDbStore.this.get(state, options, stateKey);
            }

            @Override
            public List<byte[]> getAll(List<byte[]> stateKeys) {
                return stateKeys.isEmpty() ? List.of() : multiGet(state, options, stateKeys);
            }

            @Override
            public RawIterator range(byte[] from, byte[] toExclusive) {
                return rawRange(state, options.snapshot(), from, toExclusive);
            }
        };
    }

    /** Entries of {@code [from, to)} of a column family. */
    StateView.RawIterator rawRange(ColumnFamilyHandle cf, Snapshot snapshot, byte[] from, byte[] toExclusive) {
        Slice upper = new Slice(toExclusive);
        ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
        if (snapshot != null) {
            options.setSnapshot(snapshot);
        }
        RocksIterator it = db.newIterator(cf, options);
        it.seek(from);
        return new StateView.RawIterator() {
            @Override
            public boolean hasNext() {
                return it.isValid();
            }

            @Override
            public Map.Entry<byte[], byte[]> next() {
                if (!it.isValid()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<byte[], byte[]> entry = new AbstractMap.SimpleImmutableEntry<>(it.key(), it.value());
                it.next();
                return entry;
            }

            @Override
            public void close() {
                it.close();
                options.close();
                upper.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            // closing anyway; every committed batch was already written with the configured sync
        }
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
        writeOptions.close();
        cfOptions.forEach(ColumnFamilyOptions::close);
        dbOptions.close();
        cache.close();
    }
}
