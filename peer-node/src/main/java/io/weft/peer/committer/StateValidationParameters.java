package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import io.weft.ledger.QueryExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key-level endorsement policies read from committed state through one {@link QueryExecutor} (one snapshot), each key
 * read once: the validation threads of one block share the cache.
 */
public final class StateValidationParameters implements ValidationParameters {
    private final QueryExecutor state;
    private final Map<TxOutcome.StateKey, Optional<ByteString>> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> namespacesWithMetadata = new ConcurrentHashMap<>();

    /** @param state the committed state to read; the caller closes it after the block is validated */
    public StateValidationParameters(QueryExecutor state) {
        this.state = state;
    }

    @Override
    public Optional<ByteString> validationParameter(String namespace, String key) {
        // most namespaces never hold a key-level policy: one marker read per block instead of one read per key
        if (!namespacesWithMetadata.computeIfAbsent(namespace, state::mayHaveStateMetadata)) {
            return Optional.empty();
        }
        TxOutcome.StateKey stateKey = new TxOutcome.StateKey(namespace, key);
        Optional<ByteString> known = cache.get(stateKey);
        if (known != null) {
            return known;
        }
        // read outside any lock: the validation threads read at once (a ledger query executor allows it); two
        // threads reading the same key read the same snapshot, so either answer may be kept
        Optional<ByteString> read = read(stateKey);
        Optional<ByteString> raced = cache.putIfAbsent(stateKey, read);
        return raced != null ? raced : read;
    }

    private Optional<ByteString> read(TxOutcome.StateKey stateKey) {
        ByteString value =
                state.getStateMetadata(stateKey.namespace(), stateKey.key()).get(METADATA_KEY);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
