package io.weft.peer.committer;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * The key-level endorsement policies (state-based endorsement) of a channel's committed state: the
 * {@code VALIDATION_PARAMETER} metadata of a public key, which a chaincode sets with
 * {@code SetStateValidationParameter}. Implementations must be safe to call from several validation threads at once.
 */
public interface ValidationParameters {
    /** The metadata key under which Fabric keeps a key's endorsement policy ({@code peer.MetaDataKeys}). */
    String METADATA_KEY = "VALIDATION_PARAMETER";

    /** No key has a key-level policy (a channel without state, in tests). */
    ValidationParameters NONE = (namespace, key) -> Optional.empty();

    /**
     * The key's validation parameter as stored: a serialized {@code common.SignaturePolicyEnvelope}; empty when the key
     * does not exist or has none (an empty value counts as none, as on Fabric).
     */
    Optional<ByteString> validationParameter(String namespace, String key);
}
