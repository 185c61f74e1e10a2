package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.util.Map;

/**
 * Simulates one transaction on a consistent snapshot and records its read-write set by Fabric's rules: reads come
 * from committed state only (no read-your-own-writes), every read records the committed version (none for an absent
 * key), range queries record a {@code RangeQueryInfo}, writes keep the last value per key.
 */
public interface TxSimulator extends QueryExecutor {
    String txId();

    /** Writes {@code value}; an empty value is a delete, as in Fabric (a protobuf empty bytes field is nil). */
    void setState(String namespace, String key, ByteString value);

    void deleteState(String namespace, String key);

    /** Replaces the key's metadata; an empty map deletes it. */
    void setStateMetadata(String namespace, String key, Map<String, ByteString> metadata);

    default void deleteStateMetadata(String namespace, String key) {
        setStateMetadata(namespace, key, Map.of());
    }

    /** The read-write set, serialized once; call after the chaincode finished. */
    TxSimulationResults results();
}
