package io.weft.ledger.internal.rocksdb;

import io.weft.ledger.HistoryReader;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.internal.Keys;
import io.weft.ledger.internal.StateView;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/** History of a key from the history column family; keys carry inverted (block, tx) so iteration is newest first. */
final class RocksDbHistoryReader implements HistoryReader {
    private final RocksDbLedger ledger;
    private final RocksDbStore store;

    RocksDbHistoryReader(RocksDbLedger ledger, RocksDbStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    @Override
    public ResultsIterator<KeyModification> getHistoryForKey(String namespace, String key) {
        byte[] prefix = StoreLayout.historyPrefix(namespace, key);
        byte[] end = Keys.concat(prefix, new byte[] {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            0
        });
        StateView.RawIterator raw = ledger.read(() -> store.rawRange(store.history, null, prefix, end));
        return new ResultsIterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                return !closed && ledger.read(raw::hasNext);
            }

            @Override
            public KeyModification next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<byte[], byte[]> entry = ledger.read(raw::next);
                return StoreLayout.keyModification(entry.getValue());
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    ledger.read(() -> {
                        raw.close();
                        return null;
                    });
                }
            }
        };
    }
}
