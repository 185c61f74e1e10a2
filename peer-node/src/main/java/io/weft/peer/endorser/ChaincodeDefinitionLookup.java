package io.weft.peer.endorser;

import io.weft.ledger.QueryExecutor;
import java.util.Optional;

/** Finds a chaincode's definition on a channel from committed state (the {@code _lifecycle} namespace). */
public interface ChaincodeDefinitionLookup {
    Optional<ChaincodeDefinition> definition(String channelId, String chaincodeName, QueryExecutor committedState);
}
