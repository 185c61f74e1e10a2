package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.Objects;

/** A committed value of a key with the version that wrote it and the key's metadata (name to value). */
public record VersionedValue(ByteString value, Version version, Map<String, ByteString> metadata) {
    public VersionedValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        metadata = Map.copyOf(metadata);
    }
}
