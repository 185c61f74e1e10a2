package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import io.weft.ledger.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * Builds a public read-write set by Fabric's rules: namespaces, reads, writes and metadata writes sorted by unsigned
 * UTF-8 bytes; one read per key (absent key: no version); last write per key wins; range query infos in call order.
 */
public final class RwSetBuilder {
    private final Map<ByteKey, Namespace> namespaces = new TreeMap<>();

    private static final class Namespace {
        final String name;
        final Map<ByteKey, KVRead> reads = new TreeMap<>();
        final Map<ByteKey, KVWrite> writes = new TreeMap<>();
        final Map<ByteKey, KVMetadataWrite> metadataWrites = new TreeMap<>();
        final List<RangeQueryInfo> rangeQueries = new ArrayList<>();

        Namespace(String name) {
            this.name = name;
        }
    }

    private Namespace ns(String namespace) {
        return namespaces.computeIfAbsent(
                new ByteKey(Keys.utf8(namespace, "namespace")), k -> new Namespace(namespace));
    }

    public void addRead(String namespace, String key, Version version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (version != null) {
            read.setVersion(version.toProto());
        }
        ns(namespace).reads.putIfAbsent(new ByteKey(Keys.utf8(key, "key")), read.build());
    }

    /** A null or empty value records a delete (Fabric: {@code is_delete = value == nil}). */
    public void addWrite(String namespace, String key, ByteString value) {
        KVWrite.Builder write = KVWrite.newBuilder().setKey(key);
        if (value == null || value.isEmpty()) {
            write.setIsDelete(true);
        } else {
            write.setValue(value);
        }
        ns(namespace).writes.put(new ByteKey(Keys.utf8(key, "key")), write.build());
    }

    public void addMetadataWrite(String namespace, String key, Map<String, ByteString> metadata) {
        KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
        Map<ByteKey, KVMetadataEntry> sorted = new TreeMap<>();
        metadata.forEach((name, value) -> sorted.put(
                new ByteKey(Keys.utf8(name, "metadata name")),
                KVMetadataEntry.newBuilder().setName(name).setValue(value).build()));
        write.addAllEntries(sorted.values());
        ns(namespace).metadataWrites.put(new ByteKey(Keys.utf8(key, "key")), write.build());
    }

    public void addRangeQuery(String namespace, RangeQueryInfo info) {
        ns(namespace).rangeQueries.add(info);
    }

    public boolean hasWrites() {
        return namespaces.values().stream().anyMatch(n -> !n.writes.isEmpty() || !n.metadataWrites.isEmpty());
    }

    public TxReadWriteSet build() {
        TxReadWriteSet.Builder tx = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        for (Namespace n : namespaces.values()) {
            KVRWSet kv = KVRWSet.newBuilder()
                    .addAllReads(n.reads.values())
                    .addAllRangeQueriesInfo(n.rangeQueries)
                    .addAllWrites(n.writes.values())
                    .addAllMetadataWrites(n.metadataWrites.values())
                    .build();
            tx.addNsRwset(NsReadWriteSet.newBuilder()
                    .setNamespace(n.name)
                    .setRwset(kv.toByteString())
                    .build());
        }
        return tx.build();
    }
}
