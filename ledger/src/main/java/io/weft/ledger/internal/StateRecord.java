package io.weft.ledger.internal;

import com.google.protobuf.ByteString;
import io.weft.ledger.LedgerException;
import io.weft.ledger.Version;
import io.weft.ledger.VersionedValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored value of a state key, format 1: {@code 0x01, varint block, varint tx, varint metadata count,
 * (len name, len value)*, value bytes to the end}. Metadata entries are kept sorted by name.
 */
public final class StateRecord {
    private static final int FORMAT = 1;

    private StateRecord() {}

    public static byte[] encode(ByteString value, Version version, Map<String, ByteString> metadata) {
        Codec.Writer w = new Codec.Writer(value.size() + 16);
        w.writeByte(FORMAT).writeVarLong(version.blockNum()).writeVarLong(version.txNum());
        w.writeVarLong(metadata.size());
        for (Map.Entry<String, ByteString> e : new TreeMap<>(metadata).entrySet()) {
            w.writeBytes(Keys.utf8(e.getKey(), "metadata name")).writeBytes(e.getValue());
        }
        w.writeRaw(value);
        return w.toByteArray();
    }

    public static VersionedValue decode(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(bytes, "state record");
        int format = r.readByte();
        if (format != FORMAT) {
            throw new LedgerException("unknown state record format " + format);
        }
        Version version = new Version(r.readVarLong(), r.readVarLong());
        long count = r.readVarLong();
        Map<String, ByteString> metadata = count == 0 ? Map.of() : new TreeMap<>();
        for (long i = 0; i < count; i++) {
            metadata.put(r.readString(), r.readByteString());
        }
        return new VersionedValue(r.rest(), version, metadata);
    }

    /** Only the version, without copying the value. */
    public static Version decodeVersion(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(bytes, "state record");
        int format = r.readByte();
        if (format != FORMAT) {
            throw new LedgerException("unknown state record format " + format);
        }
        return new Version(r.readVarLong(), r.readVarLong());
    }
}
