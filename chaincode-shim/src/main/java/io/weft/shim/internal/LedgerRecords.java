package io.weft.shim.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.shim.KeyModification;
import io.weft.shim.KeyValue;
import io.weft.shim.ShimException;
import java.time.Instant;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;

/** Decoders of query result elements into the API's {@link KeyValue} and {@link KeyModification}. */
final class LedgerRecords {
    private LedgerRecords() {}

    /** Decodes a {@code queryresult.KV}. */
    static KeyValue keyValue(ByteString bytes) {
        try {
            KV kv = KV.parseFrom(bytes);
            return new KeyValueRecord(kv.getKey(), kv.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException("peer sent a malformed query result (queryresult.KV): " + e.getMessage(), e);
        }
    }

    /** Decodes a {@code queryresult.KeyModification}. */
    static KeyModification keyModification(ByteString bytes) {
        try {
            org.hyperledger.fabric.protos.ledger.queryresult.KeyModification proto =
                    org.hyperledger.fabric.protos.ledger.queryresult.KeyModification.parseFrom(bytes);
            Instant timestamp = proto.hasTimestamp()
                    ? Instant.ofEpochSecond(
                            proto.getTimestamp().getSeconds(),
                            proto.getTimestamp().getNanos())
                    : null;
            return new KeyModificationRecord(proto.getTxId(), proto.getValue(), timestamp, proto.getIsDelete());
        } catch (InvalidProtocolBufferException e) {
            throw new ShimException(
                    "peer sent a malformed history result (queryresult.KeyModification): " + e.getMessage(), e);
        }
    }

    private record KeyValueRecord(String key, ByteString value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.toByteArray();
        }

        @Override
        public String getStringValue() {
            return value.toString(UTF_8);
        }
    }

    private record KeyModificationRecord(String txId, ByteString value, Instant timestamp, boolean deleted)
            implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.toByteArray();
        }

        @Override
        public String getStringValue() {
            return value.toString(UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }
    }
}
