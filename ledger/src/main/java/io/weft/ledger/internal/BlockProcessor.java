package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.Version;
import io.weft.ledger.VersionedValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Turns a block into {@link BlockUpdates}. In validating mode (commit) it marks duplicate tx ids and runs, in block
 * order and only for transactions still VALID, the MVCC read check and the phantom check against committed state
 * merged with the writes of earlier valid transactions of the same block; in replay mode (rebuild) it trusts the
 * stored codes. Then it applies each valid transaction's writes with version (block, tx index).
 */
public final class BlockProcessor {
    private final StateView committed;
    private final Map<ByteKey, byte[]> prefetched = new HashMap<>();

    public BlockProcessor(StateView committed) {
        this.committed = committed;
    }

    /** Reads the committed records of every key the block's transactions read or write, in one batch. */
    private void prefetch(List<ParsedTx> txs) {
        prefetched.clear();
        Set<ByteKey> keys = new java.util.LinkedHashSet<>();
        for (ParsedTx tx : txs) {
            if (tx.rwSet() == null) {
                continue;
            }
            for (NsReadWriteSet ns : tx.rwSet().getNsRwsetList()) {
                KVRWSet kv = kvRwSet(ns);
                if (kv == null) {
                    continue;
                }
                byte[] prefix = Keys.namespacePrefix(ns.getNamespace());
                kv.getReadsList().forEach(r -> keys.add(new ByteKey(Keys.stateKey(prefix, r.getKey()))));
                kv.getWritesList().forEach(w -> keys.add(new ByteKey(Keys.stateKey(prefix, w.getKey()))));
                kv.getMetadataWritesList().forEach(m -> keys.add(new ByteKey(Keys.stateKey(prefix, m.getKey()))));
            }
        }
        List<byte[]> keyBytes = new java.util.ArrayList<>(keys.size());
        keys.forEach(k -> keyBytes.add(k.bytes()));
        List<byte[]> records = committed.getAll(keyBytes);
        int i = 0;
        for (ByteKey key : keys) {
            prefetched.put(key, records.get(i++));
        }
    }

    private byte[] committedRecord(ByteKey stateKey) {
        if (prefetched.containsKey(stateKey)) {
            return prefetched.get(stateKey);
        }
        return committed.get(stateKey.bytes());
    }

    private final Map<ByteString, KVRWSet> parsed = new HashMap<>();

    /** The namespace's KVRWSet, parsed once per block; null when it does not parse. */
    private KVRWSet kvRwSet(NsReadWriteSet ns) {
        ByteString bytes = ns.getRwset();
        if (parsed.containsKey(bytes)) {
            return parsed.get(bytes);
        }
        KVRWSet kv;
        try {
            kv = KVRWSet.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            kv = null;
        }
        parsed.put(bytes, kv);
        return kv;
    }

    /** Commit: final codes are computed; {@code txIdExists} answers whether a tx id is already in the index. */
    public BlockUpdates validate(
            long blockNum, List<ParsedTx> txs, List<TxValidationCode> incoming, Predicate<String> txIdExists) {
        BlockUpdates updates = new BlockUpdates(txs.size());
        parsed.clear();
        prefetch(txs);
        Set<String> seenTxIds = new HashSet<>();
        for (int i = 0; i < txs.size(); i++) {
            ParsedTx tx = txs.get(i);
            TxValidationCode code = incoming.get(i);
            if (code == TxValidationCode.VALID && tx.parseError() != null) {
                code = tx.parseError();
            }
            boolean firstOccurrence = tx.txId().isEmpty() || seenTxIds.add(tx.txId());
            if (code == TxValidationCode.VALID
                    && !tx.txId().isEmpty()
                    && (!firstOccurrence || txIdExists.test(tx.txId()))) {
                code = TxValidationCode.DUPLICATE_TXID;
            }
            if (code == TxValidationCode.VALID && tx.rwSet() != null) {
                code = check(tx.rwSet(), updates);
            }
            updates.codes()[i] = code;
            if (code == TxValidationCode.VALID && tx.rwSet() != null) {
                apply(blockNum, i, tx, updates);
            }
        }
        return updates;
    }

    /** Rebuild: the codes stored in the block are final. */
    public BlockUpdates replay(long blockNum, List<ParsedTx> txs, List<TxValidationCode> storedCodes) {
        BlockUpdates updates = new BlockUpdates(txs.size());
        parsed.clear();
        prefetch(txs);
        for (int i = 0; i < txs.size(); i++) {
            ParsedTx tx = txs.get(i);
            updates.codes()[i] = storedCodes.get(i);
            if (storedCodes.get(i) == TxValidationCode.VALID && tx.rwSet() != null) {
                apply(blockNum, i, tx, updates);
            }
        }
        return updates;
    }

    private TxValidationCode check(TxReadWriteSet rwSet, BlockUpdates updates) {
        for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
            KVRWSet kv = kvRwSet(ns);
            if (kv == null) {
                return TxValidationCode.BAD_RWSET;
            }
            byte[] prefix = Keys.namespacePrefix(ns.getNamespace());
            for (KVRead read : kv.getReadsList()) {
                ByteKey stateKey = new ByteKey(Keys.stateKey(prefix, read.getKey()));
                if (updates.state().containsKey(stateKey)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
                byte[] record = committedRecord(stateKey);
                Version current = record == null ? null : StateRecord.decodeVersion(record);
                Version expected = read.hasVersion()
                        ? new Version(
                                read.getVersion().getBlockNum(),
                                read.getVersion().getTxNum())
                        : null;
                if (!java.util.Objects.equals(current, expected)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo rqi : kv.getRangeQueriesInfoList()) {
                if (!new RangeQueryCheck(committed, updates.state(), prefix, rqi).matches()) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
        }
        return TxValidationCode.VALID;
    }

    private void apply(long blockNum, int txNum, ParsedTx tx, BlockUpdates updates) {
        Version version = new Version(blockNum, txNum);
        for (NsReadWriteSet ns : tx.rwSet().getNsRwsetList()) {
            KVRWSet kv = kvRwSet(ns);
            if (kv == null) {
                continue; // validate() already made such a transaction BAD_RWSET; replay trusts stored codes
            }
            byte[] prefix = Keys.namespacePrefix(ns.getNamespace());
            Map<String, KVWrite> writes = new LinkedHashMap<>();
            for (KVWrite write : kv.getWritesList()) {
                writes.put(write.getKey(), write);
            }
            for (KVWrite write : writes.values()) {
                updates.history()
                        .add(new HistoryEntry(
                                ns.getNamespace(),
                                write.getKey(),
                                blockNum,
                                txNum,
                                tx.txId(),
                                tx.timestamp(),
                                write.getIsDelete(),
                                write.getIsDelete() ? ByteString.EMPTY : write.getValue()));
            }
            Map<String, Map<String, ByteString>> metadataWrites = new HashMap<>();
            for (KVMetadataWrite mw : kv.getMetadataWritesList()) {
                Map<String, ByteString> entries = new HashMap<>();
                for (KVMetadataEntry e : mw.getEntriesList()) {
                    entries.put(e.getName(), e.getValue());
                }
                metadataWrites.put(mw.getKey(), entries);
                if (!entries.isEmpty()) {
                    updates.namespacesWithMetadata().add(ns.getNamespace());
                }
            }
            for (KVWrite write : writes.values()) {
                ByteKey stateKey = new ByteKey(Keys.stateKey(prefix, write.getKey()));
                if (write.getIsDelete()) {
                    updates.state().put(stateKey, null);
                    continue;
                }
                Map<String, ByteString> metadata = metadataWrites.remove(write.getKey());
                if (metadata == null) {
                    VersionedValue latest = latest(stateKey, updates);
                    metadata = latest == null ? Map.of() : latest.metadata();
                }
                updates.state().put(stateKey, StateRecord.encode(write.getValue(), version, metadata));
            }
            for (Map.Entry<String, Map<String, ByteString>> mw : metadataWrites.entrySet()) {
                if (writes.containsKey(mw.getKey())) {
                    continue; // deleted in the same transaction: the metadata goes with the value
                }
                ByteKey stateKey = new ByteKey(Keys.stateKey(prefix, mw.getKey()));
                VersionedValue latest = latest(stateKey, updates);
                if (latest != null) { // metadata of a key that does not exist is ignored
                    updates.state().put(stateKey, StateRecord.encode(latest.value(), version, mw.getValue()));
                }
            }
        }
    }

    private VersionedValue latest(ByteKey stateKey, BlockUpdates updates) {
        if (updates.state().containsKey(stateKey)) {
            byte[] pending = updates.state().get(stateKey);
            return pending == null ? null : StateRecord.decode(pending);
        }
        byte[] record = committedRecord(stateKey);
        return record == null ? null : StateRecord.decode(record);
    }
}
