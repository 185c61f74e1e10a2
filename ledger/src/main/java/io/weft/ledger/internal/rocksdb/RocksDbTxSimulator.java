package io.weft.ledger.internal.rocksdb;

import com.google.protobuf.ByteString;
import io.weft.ledger.KeyValue;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.StatePage;
import io.weft.ledger.TxSimulationResults;
import io.weft.ledger.TxSimulator;
import io.weft.ledger.Version;
import io.weft.ledger.VersionedValue;
import io.weft.ledger.internal.Keys;
import io.weft.ledger.internal.RwSetBuilder;
import io.weft.ledger.internal.StateRecord;
import io.weft.ledger.internal.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

/**
 * Query executor and transaction simulator over one RocksDB snapshot. As a plain query executor ({@code recording ==
 * false}) it records nothing and refuses writes. Not thread-safe: one transaction, one thread at a time.
 */
final class RocksDbTxSimulator implements TxSimulator {
    private final RocksDbLedger ledger;
    private final RocksDbStore store;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private final long height;
    private final LedgerConfig config;
    private final String txId;
    private final boolean recording;
    private final RwSetBuilder rwSet = new RwSetBuilder();
    private final List<RangeRecorder> rangeQueries = new ArrayList<>();
    private boolean paginatedQueryDone;
    private boolean finished;
    private boolean closed;

    RocksDbTxSimulator(
            RocksDbLedger ledger,
            RocksDbStore store,
            Snapshot snapshot,
            long height,
            LedgerConfig config,
            String txId,
            boolean recording) {
        this.ledger = ledger;
        this.store = store;
        this.snapshot = snapshot;
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
        this.height = height;
        this.config = config;
        this.txId = txId;
        this.recording = recording;
    }

    @Override
    public String txId() {
        return txId;
    }

    @Override
    public long height() {
        return height;
    }

    private void checkUsable() {
        if (closed) {
            throw new LedgerException(
                    "channel " + ledger.channelId() + ": query executor of tx " + txId + " is closed");
        }
    }

    private VersionedValue readRecord(String namespace, String key) {
        checkUsable();
        byte[] stateKey = Keys.stateKey(namespace, key);
        byte[] record = ledger.read(() -> store.get(store.state, readOptions, stateKey));
        VersionedValue value = record == null ? null : StateRecord.decode(record);
        if (recording) {
            rwSet.addRead(namespace, key, value == null ? null : value.version());
        }
        return value;
    }

    @Override
    public Optional<ByteString> getState(String namespace, String key) {
        VersionedValue value = readRecord(namespace, key);
        return value == null ? Optional.empty() : Optional.of(value.value());
    }

    @Override
    public List<Optional<ByteString>> getStateMultipleKeys(String namespace, List<String> keys) {
        checkUsable();
        byte[] prefix = Keys.namespacePrefix(namespace);
        List<byte[]> stateKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            stateKeys.add(Keys.stateKey(prefix, key));
        }
        List<byte[]> records = ledger.read(() -> store.multiGet(store.state, readOptions, stateKeys));
        List<Optional<ByteString>> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            VersionedValue value = records.get(i) == null ? null : StateRecord.decode(records.get(i));
            if (recording) {
                rwSet.addRead(namespace, keys.get(i), value == null ? null : value.version());
            }
            out.add(value == null ? Optional.empty() : Optional.of(value.value()));
        }
        return out;
    }

    @Override
    public boolean mayHaveStateMetadata(String namespace) {
        checkUsable();
        if (ledger.read(() -> store.get(store.meta, readOptions, StoreLayout.METADATA_TRACKED)) == null) {
            return true; // a ledger from before namespaces were tracked
        }
        return ledger.read(() -> store.get(store.meta, readOptions, StoreLayout.metadataNamespaceKey(namespace)))
                != null;
    }

    @Override
    public Map<String, ByteString> getStateMetadata(String namespace, String key) {
        VersionedValue value = readRecord(namespace, key);
        return value == null ? Map.of() : value.metadata();
    }

    @Override
    public ResultsIterator<KeyValue> getStateRangeScanIterator(String namespace, String startKey, String endKey) {
        checkUsable();
        RangeRecorder recorder = new RangeRecorder(namespace, startKey, endKey);
        if (recording) {
            rangeQueries.add(recorder);
        }
        return new RangeIterator(namespace, startKey, endKey, config.totalQueryLimit(), recorder);
    }

    @Override
    public StatePage getStateRangePage(
            String namespace, String startKey, String endKey, int pageSize, String bookmark) {
        checkUsable();
        if (pageSize <= 0) {
            throw new LedgerException("page size must be > 0, was " + pageSize);
        }
        if (recording && rwSet.hasWrites()) {
            throw new LedgerException("tx " + txId + ": paginated queries are not allowed in a transaction that"
                    + " writes (they are read-only)");
        }
        paginatedQueryDone = true;
        String start = bookmark == null || bookmark.isEmpty() ? startKey : bookmark;
        int limit = Math.min(pageSize, config.totalQueryLimit());
        List<KeyValue> results = new ArrayList<>();
        String next = "";
        try (ResultsIterator<KeyValue> it = getStateRangeScanIterator(namespace, start, endKey)) {
            RangeIterator range = (RangeIterator) it;
            while (results.size() < limit && it.hasNext()) {
                results.add(it.next());
            }
            String peeked = range.peekKey();
            if (peeked != null) {
                next = peeked;
            }
        }
        return new StatePage(results, next);
    }

    @Override
    public void setState(String namespace, String key, ByteString value) {
        checkWritable(namespace, key);
        rwSet.addWrite(namespace, key, value);
    }

    @Override
    public void deleteState(String namespace, String key) {
        checkWritable(namespace, key);
        rwSet.addWrite(namespace, key, null);
    }

    @Override
    public void setStateMetadata(String namespace, String key, Map<String, ByteString> metadata) {
        checkWritable(namespace, key);
        rwSet.addMetadataWrite(namespace, key, metadata);
    }

    private void checkWritable(String namespace, String key) {
        checkUsable();
        if (!recording) {
            throw new LedgerException("a query executor cannot write (key " + Keys.printable(key) + ")");
        }
        if (finished) {
            throw new LedgerException("tx " + txId + ": write after the simulation results were taken");
        }
        if (paginatedQueryDone) {
            throw new LedgerException("tx " + txId + ": a transaction that ran a paginated query may not write"
                    + " (key " + Keys.printable(key) + ")");
        }
        if (key.isEmpty()) {
            throw new LedgerException("tx " + txId + ": key must not be empty (namespace " + namespace + ")");
        }
        Keys.checkNamespace(namespace);
        Keys.utf8(key, "key");
    }

    @Override
    public TxSimulationResults results() {
        checkUsable();
        if (!recording) {
            throw new LedgerException("a query executor has no simulation results");
        }
        if (!finished) {
            finished = true;
            for (RangeRecorder recorder : rangeQueries) {
                rwSet.addRangeQuery(recorder.namespace, recorder.build());
            }
        }
        var built = rwSet.build();
        return new TxSimulationResults(built, built.toByteString(), rwSet.hasWrites());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ledger.release(snapshot);
            readOptions.close();
        }
    }

    /** Fabric's RangeQueryInfo of one iterator: end key is the last key returned until the iterator is exhausted. */
    private static final class RangeRecorder {
        final String namespace;
        final String startKey;
        final String endKey;
        final List<KVRead> reads = new ArrayList<>();
        String lastKey;
        boolean exhausted;

        RangeRecorder(String namespace, String startKey, String endKey) {
            this.namespace = namespace;
            this.startKey = startKey;
            this.endKey = endKey;
        }

        void returned(String key, Version version) {
            lastKey = key;
            reads.add(KVRead.newBuilder()
                    .setKey(key)
                    .setVersion(version.toProto())
                    .build());
        }

        RangeQueryInfo build() {
            return RangeQueryInfo.newBuilder()
                    .setStartKey(startKey)
                    .setEndKey(exhausted || lastKey == null ? endKey : lastKey)
                    .setItrExhausted(exhausted)
                    .setRawReads(QueryReads.newBuilder().addAllKvReads(reads))
                    .build();
        }
    }

    private final class RangeIterator implements ResultsIterator<KeyValue> {
        private final String namespace;
        private final int prefixLength;
        private final StateView.RawIterator raw;
        private final int limit;
        private final RangeRecorder recorder;
        private int returned;
        private boolean closedIterator;

        RangeIterator(String namespace, String startKey, String endKey, int limit, RangeRecorder recorder) {
            this.namespace = namespace;
            byte[] prefix = Keys.namespacePrefix(namespace);
            this.prefixLength = prefix.length;
            byte[] from = Keys.stateKey(prefix, startKey);
            byte[] to = endKey.isEmpty() ? Keys.namespaceEnd(namespace) : Keys.stateKey(prefix, endKey);
            this.raw = ledger.read(() -> store.rawRange(store.state, snapshot, from, to));
            this.limit = limit;
            this.recorder = recorder;
        }

        @Override
        public boolean hasNext() {
            if (closedIterator || returned >= limit) {
                return false;
            }
            boolean more = ledger.read(raw::hasNext);
            if (!more) {
                recorder.exhausted = true;
            }
            return more;
        }

        /** The key the next call to next would return, without returning it. */
        String peekKey() {
            if (closedIterator) {
                return null;
            }
            if (!ledger.read(raw::hasNext)) {
                recorder.exhausted = true;
                return null;
            }
            // RawIterator has no peek; the page is complete, so consuming one more entry here is harmless
            return Keys.keyOf(ledger.read(raw::next).getKey(), prefixLength);
        }

        @Override
        public KeyValue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<byte[], byte[]> entry = ledger.read(raw::next);
            returned++;
            String key = Keys.keyOf(entry.getKey(), prefixLength);
            VersionedValue value = StateRecord.decode(entry.getValue());
            recorder.returned(key, value.version());
            return new KeyValue(namespace, key, value.value());
        }

        @Override
        public void close() {
            if (!closedIterator) {
                closedIterator = true;
                ledger.read(() -> {
                    raw.close();
                    return null;
                });
            }
        }
    }
}
