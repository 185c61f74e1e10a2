package io.weft.peer.endorser;

import io.weft.ledger.QueryExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each chaincode's definition with the ledger height it was read at. The committed state at one height never
 * changes while the peer runs (a channel's ledger only grows; rollback, reset and unjoin are done with the peer
 * stopped), so a lookup at the same height answers from memory: the endorser looks the definition up for every
 * proposal, and decoding it from the {@code _lifecycle} namespace cost about 3% of an endorsement's CPU. A new block
 * means one fresh read. Absent definitions are not kept, so unknown chaincode names cannot grow the memory.
 */
public final class HeightCachedDefinitions implements ChaincodeDefinitionLookup {
    private record Entry(long height, ChaincodeDefinition definition) {}

    private final ChaincodeDefinitionLookup source;
    private final Map<String, Entry> byChannelAndName = new ConcurrentHashMap<>();

    public HeightCachedDefinitions(ChaincodeDefinitionLookup source) {
        this.source = source;
    }

    @Override
    public Optional<ChaincodeDefinition> definition(
            String channelId, String chaincodeName, QueryExecutor committedState) {
        long height = committedState.height();
        String key = channelId + '\n' + chaincodeName;
        Entry known = byChannelAndName.get(key);
        if (known != null && known.height() == height) {
            return Optional.of(known.definition());
        }
        Optional<ChaincodeDefinition> found = source.definition(channelId, chaincodeName, committedState);
        if (found.isPresent()) {
            byChannelAndName.put(key, new Entry(height, found.get()));
        } else {
            byChannelAndName.remove(key);
        }
        return found;
    }
}
