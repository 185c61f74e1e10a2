package io.weft.ledger.internal.rocksdb;

import io.weft.ledger.internal.BlockUpdates;
import io.weft.ledger.internal.ByteKey;
import io.weft.ledger.internal.HistoryEntry;
import io.weft.ledger.internal.Keys;
import io.weft.ledger.internal.ParsedTx;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Stages everything one block changes into a batch: indexes, state, history, chain info and savepoint. */
final class CommitWriter {
    private CommitWriter() {}

    /**
     * @param alreadyIndexed tx ids present in the index before this block; the first occurrence of every other tx id
     *     of the block is indexed (with its final code), later duplicates are not
     */
    static void stage(
            RocksDbStore store,
            WriteBatch batch,
            long blockNum,
            byte[] headerHash,
            List<ParsedTx> txs,
            BlockUpdates updates,
            Predicate<String> alreadyIndexed,
            StoreLayout.ChainInfo newInfo)
            throws RocksDBException {
        batch.put(store.index, StoreLayout.hashKey(headerHash), Keys.longBytes(blockNum));
        java.util.Set<String> indexedHere = new java.util.HashSet<>();
        for (int i = 0; i < txs.size(); i++) {
            String txId = txs.get(i).txId();
            if (txId.isEmpty() || alreadyIndexed.test(txId) || !indexedHere.add(txId)) {
                continue;
            }
            batch.put(
                    store.index,
                    StoreLayout.txKey(txId),
                    StoreLayout.txLocation(blockNum, i, updates.codes()[i].getNumber()));
        }
        for (Map.Entry<ByteKey, byte[]> e : updates.state().entrySet()) {
            if (e.getValue() == null) {
                batch.delete(store.state, e.getKey().bytes());
            } else {
                batch.put(store.state, e.getKey().bytes(), e.getValue());
            }
        }
        for (HistoryEntry h : updates.history()) {
            batch.put(store.history, StoreLayout.historyKey(h), StoreLayout.historyValue(h));
        }
        for (String namespace : updates.namespacesWithMetadata()) {
            batch.put(store.meta, StoreLayout.metadataNamespaceKey(namespace), new byte[] {1});
        }
        if (blockNum == 0) {
            batch.put(store.meta, StoreLayout.METADATA_TRACKED, new byte[] {1});
        }
        batch.put(store.meta, StoreLayout.CHAIN_INFO, StoreLayout.chainInfo(newInfo));
        batch.put(store.meta, StoreLayout.SAVEPOINT, Keys.longBytes(blockNum));
        batch.put(store.meta, StoreLayout.FORMAT, StoreLayout.FORMAT_1);
    }
}
