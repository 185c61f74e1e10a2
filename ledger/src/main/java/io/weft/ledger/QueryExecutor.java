package io.weft.ledger;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the world state of one channel at one consistent point: every read of one executor sees the state after
 * the same block. Keys compare as unsigned UTF-8 bytes. Close it to release the snapshot.
 */
public interface QueryExecutor extends AutoCloseable {
    /** The committed value, or empty when the key does not exist. */
    Optional<ByteString> getState(String namespace, String key);

    /** The committed values in the order of {@code keys}; an absent key gives an empty optional. */
    List<Optional<ByteString>> getStateMultipleKeys(String namespace, List<String> keys);

    /** The key's metadata (empty when the key or its metadata does not exist). */
    Map<String, ByteString> getStateMetadata(String namespace, String key);

    /**
     * False only when no key of the namespace has ever had metadata, so that {@link #getStateMetadata} is empty for
     * every key of it (the committer then skips looking for key-level endorsement policies). True when unsure.
     */
    default boolean mayHaveStateMetadata(String namespace) {
        return true;
    }

    /**
     * Keys in {@code [startKey, endKey)}; an empty {@code startKey} starts at the beginning of the namespace, an empty
     * {@code endKey} runs to its end. Stops silently after {@code ledger.state.totalQueryLimit} results.
     */
    ResultsIterator<KeyValue> getStateRangeScanIterator(String namespace, String startKey, String endKey);

    /**
     * One page of {@code [startKey, endKey)}, starting at {@code bookmark} when it is not empty. The page size is capped
     * at {@code ledger.state.totalQueryLimit}.
     */
    StatePage getStateRangePage(String namespace, String startKey, String endKey, int pageSize, String bookmark);

    /** All keys with the given partial composite key as prefix (Fabric's {@code GetStateByPartialCompositeKey}). */
    default ResultsIterator<KeyValue> getStateByPartialCompositeKey(
            String namespace, String objectType, List<String> attributes) {
        String start = CompositeKey.create(objectType, attributes);
        return getStateRangeScanIterator(namespace, start, start + CompositeKey.MAX_UNICODE_RUNE);
    }

    /** The block height this executor reads at (number of the last committed block + 1). */
    long height();

    @Override
    void close();
}
