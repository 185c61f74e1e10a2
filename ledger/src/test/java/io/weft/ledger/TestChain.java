package io.weft.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/** Builds Fabric-shaped blocks for one channel, each chained to the previous one. */
public final class TestChain {
    private final String channelId;
    private long next;
    private ByteString previousHash = ByteString.EMPTY;

    public TestChain(String channelId) {
        this.channelId = channelId;
    }

    /** Continues a chain whose last block has {@code previousHash} and number {@code next - 1}. */
    public static TestChain resume(String channelId, long next, ByteString previousHash) {
        TestChain chain = new TestChain(channelId);
        chain.next = next;
        chain.previousHash = previousHash;
        return chain;
    }

    public String channelId() {
        return channelId;
    }

    public long nextNumber() {
        return next;
    }

    /** Block 0 with one CONFIG envelope. */
    public Block genesis() {
        Envelope config = Envelope.newBuilder()
                .setPayload(Payload.newBuilder()
                        .setHeader(parseHeader(header(HeaderType.CONFIG, "")))
                        .setData(ByteString.copyFromUtf8("config of " + channelId))
                        .build()
                        .toByteString())
                .build();
        return block(List.of(config.toByteString()));
    }

    /** The next block with these envelopes. */
    public Block block(List<ByteString> envelopes) {
        BlockData data = BlockData.newBuilder().addAllData(envelopes).build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(next)
                .setPreviousHash(previousHash)
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data)))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < 5; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        next++;
        previousHash = ByteString.copyFrom(BlockHashes.headerHash(header));
        return Block.newBuilder()
                .setHeader(header)
                .setData(data)
                .setMetadata(metadata)
                .build();
    }

    public Block blockOf(ByteString... envelopes) {
        return block(List.of(envelopes));
    }

    private ByteString header(HeaderType type, String txId) {
        ChannelHeader ch = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setChannelId(channelId)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L + next))
                .build();
        return Header.newBuilder().setChannelHeader(ch.toByteString()).build().toByteString();
    }

    private static Header parseHeader(ByteString bytes) {
        try {
            return Header.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An endorser transaction carrying {@code rwSetBytes} as its ChaincodeAction results. */
    public ByteString tx(String txId, ByteString rwSetBytes) {
        ChaincodeAction action =
                ChaincodeAction.newBuilder().setResults(rwSetBytes).build();
        ProposalResponsePayload prp = ProposalResponsePayload.newBuilder()
                .setExtension(action.toByteString())
                .build();
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder()
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp.toByteString()))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setPayload(cap.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(parseHeader(header(HeaderType.ENDORSER_TRANSACTION, txId)))
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    public ByteString tx(String txId, TxSimulationResults results) {
        return tx(txId, results.bytes());
    }

    /** A transaction with blind writes (no reads) to one namespace. */
    public ByteString writes(String txId, String namespace, Map<String, String> writes) {
        RwSet rw = new RwSet();
        writes.forEach((k, v) -> rw.write(namespace, k, v));
        return tx(txId, rw.build().toByteString());
    }

    /** A hand-made rwset (for transactions a simulator would never produce, e.g. stale reads). */
    public static final class RwSet {
        private final Map<String, KVRWSet.Builder> namespaces = new java.util.TreeMap<>();

        private KVRWSet.Builder ns(String namespace) {
            return namespaces.computeIfAbsent(namespace, n -> KVRWSet.newBuilder());
        }

        public RwSet read(String namespace, String key, Version version) {
            KVRead.Builder read = KVRead.newBuilder().setKey(key);
            if (version != null) {
                read.setVersion(version.toProto());
            }
            ns(namespace).addReads(read);
            return this;
        }

        public RwSet write(String namespace, String key, String value) {
            ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
            return this;
        }

        public RwSet delete(String namespace, String key) {
            ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
            return this;
        }

        public TxReadWriteSet build() {
            TxReadWriteSet.Builder tx = TxReadWriteSet.newBuilder();
            List<NsReadWriteSet> list = new ArrayList<>();
            namespaces.forEach((ns, kv) -> list.add(NsReadWriteSet.newBuilder()
                    .setNamespace(ns)
                    .setRwset(kv.build().toByteString())
                    .build()));
            return tx.addAllNsRwset(list).build();
        }
    }
}
