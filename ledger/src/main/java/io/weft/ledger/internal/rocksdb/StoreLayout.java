package io.weft.ledger.internal.rocksdb;

import com.google.protobuf.Timestamp;
import io.weft.ledger.LedgerException;
import io.weft.ledger.internal.Codec;
import io.weft.ledger.internal.HistoryEntry;
import io.weft.ledger.internal.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values of Weft's per-channel store (storage format 1, hand-written binary, all integers big-endian or
 * unsigned LEB128 varints).
 *
 * <pre>
 * CF blocks   : u64 block number                          -> serialized common.Block (TRANSACTIONS_FILTER set)
 * CF index    : 'h' header hash                           -> u64 block number
 *               't' UTF-8 tx id                           -> varint block, varint tx, varint validation code
 * CF state    : UTF-8 ns 0x00 UTF-8 key                   -> StateRecord (version, metadata, value)
 * CF history  : UTF-8 ns 0x00 u32 keyLen key ~u64 block ~u32 tx
 *                                                         -> 0x01 flags txId timestamp value (newest first)
 * CF meta     : "chainInfo"                               -> 0x01 varint height, currentHash, previousHash
 *               "savepoint"                               -> u64 last block applied to state and history
 *               "format"                                  -> 0x01
 * </pre>
 */
final class StoreLayout {
    static final byte[] CHAIN_INFO = "chainInfo".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SAVEPOINT = "savepoint".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FORMAT = "format".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FORMAT_1 = {1};
    /**
     * Written with block 0: this ledger records which namespaces ever had key metadata (ledgers made before it did not,
     * and must be assumed to have metadata anywhere).
     */
    static final byte[] METADATA_TRACKED = "metadataTracked".getBytes(StandardCharsets.US_ASCII);

    /** Marks a namespace in which some key has (or had) metadata. */
    static byte[] metadataNamespaceKey(String namespace) {
        return Keys.concat("metadataNs/".getBytes(StandardCharsets.US_ASCII), Keys.utf8(namespace, "namespace"));
    }

    private StoreLayout() {}

    static byte[] blockKey(long number) {
        return Keys.longBytes(number);
    }

    static byte[] hashKey(byte[] hash) {
        byte[] out = new byte[hash.length + 1];
        out[0] = 'h';
        System.arraycopy(hash, 0, out, 1, hash.length);
        return out;
    }

    static byte[] txKey(String txId) {
        return Keys.concat(new byte[] {'t'}, txId.getBytes(StandardCharsets.UTF_8));
    }

    record TxLocation(long blockNum, int txNum, int code) {}

    static byte[] txLocation(long blockNum, int txNum, int code) {
        return new Codec.Writer(12)
                .writeVarLong(blockNum)
                .writeVarLong(txNum)
                .writeVarLong(code)
                .toByteArray();
    }

    static TxLocation txLocation(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(bytes, "tx index entry");
        return new TxLocation(r.readVarLong(), (int) r.readVarLong(), (int) r.readVarLong());
    }

    record ChainInfo(long height, byte[] currentHash, byte[] previousHash) {}

    static byte[] chainInfo(ChainInfo info) {
        return new Codec.Writer(80)
                .writeByte(1)
                .writeVarLong(info.height())
                .writeBytes(info.currentHash())
                .writeBytes(info.previousHash())
                .toByteArray();
    }

    static ChainInfo chainInfo(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(bytes, "chain info");
        int format = r.readByte();
        if (format != 1) {
            throw new LedgerException("unknown chain info format " + format);
        }
        return new ChainInfo(r.readVarLong(), r.readBytes(), r.readBytes());
    }

    /** {@code ns 0x00 u32 len key}: the prefix of all history entries of one key. */
    static byte[] historyPrefix(String namespace, String key) {
        byte[] ns = Keys.namespacePrefix(namespace);
        byte[] k = Keys.utf8(key, "key");
        return ByteBuffer.allocate(ns.length + 4 + k.length)
                .put(ns)
                .putInt(k.length)
                .put(k)
                .array();
    }

    static int historySuffixLength() {
        return 12;
    }

    static byte[] historyKey(HistoryEntry e) {
        byte[] prefix = historyPrefix(e.namespace(), e.key());
        return ByteBuffer.allocate(prefix.length + 12)
                .put(prefix)
                .putLong(~e.blockNum())
                .putInt(~(int) e.txNum())
                .array();
    }

    static byte[] historyValue(HistoryEntry e) {
        return new Codec.Writer(e.value().size() + e.txId().length() + 24)
                .writeByte(1)
                .writeByte(e.isDelete() ? 1 : 0)
                .writeBytes(e.txId().getBytes(StandardCharsets.UTF_8))
                .writeVarLong(e.timestamp().getSeconds())
                .writeVarLong(e.timestamp().getNanos())
                .writeRaw(e.value())
                .toByteArray();
    }

    static org.hyperledger.fabric.protos.ledger.queryresult.KeyModification keyModification(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(bytes, "history entry");
        int format = r.readByte();
        if (format != 1) {
            throw new LedgerException("unknown history entry format " + format);
        }
        boolean isDelete = r.readByte() == 1;
        String txId = r.readString();
        Timestamp timestamp = Timestamp.newBuilder()
                .setSeconds(r.readVarLong())
                .setNanos((int) r.readVarLong())
                .build();
        return org.hyperledger.fabric.protos.ledger.queryresult.KeyModification.newBuilder()
                .setTxId(txId)
                .setTimestamp(timestamp)
                .setIsDelete(isDelete)
                .setValue(r.rest())
                .build();
    }

    /** Block number of a history key (for rollback checks and tests). */
    static long historyBlock(byte[] historyKey) {
        return ~ByteBuffer.wrap(historyKey, historyKey.length - 12, 8).getLong();
    }
}
