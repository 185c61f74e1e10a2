package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.QueryExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * Chaincode definitions read from the committed {@code _lifecycle} state (fabric-protocol.md §8.3): a definition
 * exists when {@code namespaces/metadata/<name>} holds a {@code StateMetadata} of datatype
 * {@code ChaincodeDefinition}; its validation info is the {@code StateData.Bytes} at
 * {@code namespaces/fields/<name>/ValidationInfo}. Reads go through one {@link QueryExecutor} (one snapshot) and are
 * cached, so the many validation threads of one block look each chaincode up once.
 */
public final class LifecycleChaincodeDefinitions implements ChaincodeDefinitions {
    /** The namespace of the lifecycle system chaincode. */
    public static final String LIFECYCLE_NAMESPACE = "_lifecycle";

    static final String DEFINITION_TYPE = "ChaincodeDefinition";

    private final QueryExecutor state;
    private final Map<String, Optional<ChaincodeValidationInfo>> cache = new ConcurrentHashMap<>();

    /** @param state the committed state to read; the caller closes it after the block is validated */
    public LifecycleChaincodeDefinitions(QueryExecutor state) {
        this.state = state;
    }

    public static String metadataKey(String chaincodeName) {
        return "namespaces/metadata/" + chaincodeName;
    }

    public static String fieldKey(String chaincodeName, String field) {
        return "namespaces/fields/" + chaincodeName + "/" + field;
    }

    @Override
    public Optional<ChaincodeValidationInfo> validationInfo(String chaincodeName) {
        return cache.computeIfAbsent(chaincodeName, this::read);
    }

    private synchronized Optional<ChaincodeValidationInfo> read(String chaincodeName) {
        Optional<ByteString> metadata = state.getState(LIFECYCLE_NAMESPACE, metadataKey(chaincodeName));
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!StateMetadata.parseFrom(metadata.get()).getDatatype().equals(DEFINITION_TYPE)) {
                return Optional.empty();
            }
            Optional<ByteString> field = state.getState(LIFECYCLE_NAMESPACE, fieldKey(chaincodeName, "ValidationInfo"));
            if (field.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ChaincodeValidationInfo.parseFrom(
                    StateData.parseFrom(field.get()).getBytes()));
        } catch (InvalidProtocolBufferException e) {
            // a definition that does not decode is no definition: its transactions get INVALID_CHAINCODE
            return Optional.empty();
        }
    }
}
