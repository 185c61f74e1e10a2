package io.weft.peer.scc;

import static io.weft.peer.scc.LifecycleKeys.NAMESPACE;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.ledger.KeyValue;
import io.weft.ledger.QueryExecutor;
import io.weft.ledger.ResultsIterator;
import io.weft.ledger.TxSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * Reads and writes the {@code _lifecycle} state: committed definitions in Fabric's encoding (a {@code StateMetadata}
 * of datatype {@code ChaincodeDefinition} with fields {@code Sequence}, {@code EndorsementInfo},
 * {@code ValidationInfo}, {@code Collections}, each a {@code StateData}), and Weft's public org approvals
 * ({@link LifecycleKeys}). Writes follow Fabric's serializer: only fields whose bytes change are written, and the
 * metadata only when it changes, so the read-write set matches what a Fabric peer produces for the same definition.
 */
final class LifecycleState {
    static final String DEFINITION_TYPE = "ChaincodeDefinition";
    static final String SEQUENCE = "Sequence";
    static final List<String> DEFINITION_FIELDS = List.of(
            SEQUENCE,
            DefinitionParameters.ENDORSEMENT_INFO,
            DefinitionParameters.VALIDATION_INFO,
            DefinitionParameters.COLLECTIONS);

    /** A committed definition. */
    record Committed(long sequence, DefinitionParameters parameters) {}

    /** An org's approval: its parameters and its package id (empty when the source is unavailable). */
    record Approval(long sequence, DefinitionParameters parameters, String packageId) {}

    private LifecycleState() {}

    /** The committed sequence of a chaincode; 0 when it has never been defined. */
    static long sequence(QueryExecutor state, String name) {
        Optional<ByteString> value = state.getState(NAMESPACE, LifecycleKeys.fieldKey(name, SEQUENCE));
        if (value.isEmpty()) {
            return 0;
        }
        StateData data = decode(value.get(), StateData.parser(), "field " + SEQUENCE + " of " + name);
        if (data.getTypeCase() != StateData.TypeCase.INT64) {
            throw new LifecycleException("could not get current sequence: field " + SEQUENCE + " of namespace " + name
                    + " is not an int64 but " + data.getTypeCase());
        }
        return data.getInt64();
    }

    /** The committed definition, or empty when the chaincode is not defined. */
    static Optional<Committed> committed(QueryExecutor state, String name) {
        Optional<ByteString> metadata = state.getState(NAMESPACE, LifecycleKeys.metadataKey(name));
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        String type = decode(metadata.get(), StateMetadata.parser(), "metadata of " + name)
                .getDatatype();
        if (!type.equals(DEFINITION_TYPE)) {
            throw new LifecycleException("could not deserialize namespace " + name
                    + " as chaincode: type name mismatch '" + DEFINITION_TYPE + "' != '" + type + "'");
        }
        long sequence = sequence(state, name);
        ChaincodeEndorsementInfo endorsement = decode(
                bytesField(state, name, DefinitionParameters.ENDORSEMENT_INFO),
                ChaincodeEndorsementInfo.parser(),
                "EndorsementInfo of " + name);
        ChaincodeValidationInfo validation = decode(
                bytesField(state, name, DefinitionParameters.VALIDATION_INFO),
                ChaincodeValidationInfo.parser(),
                "ValidationInfo of " + name);
        CollectionConfigPackage collections = decode(
                bytesField(state, name, DefinitionParameters.COLLECTIONS),
                CollectionConfigPackage.parser(),
                "Collections of " + name);
        return Optional.of(new Committed(sequence, new DefinitionParameters(endorsement, validation, collections)));
    }

    private static ByteString bytesField(QueryExecutor state, String name, String field) {
        Optional<ByteString> value = state.getState(NAMESPACE, LifecycleKeys.fieldKey(name, field));
        if (value.isEmpty()) {
            return ByteString.EMPTY;
        }
        return decode(value.get(), StateData.parser(), field + " of " + name).getBytes();
    }

    /** Writes a committed definition as Fabric's serializer does. */
    static void writeDefinition(TxSimulator simulator, String name, long sequence, DefinitionParameters parameters) {
        Map<String, ByteString> fields = new LinkedHashMap<>();
        fields.put(SEQUENCE, StateData.newBuilder().setInt64(sequence).build().toByteString());
        fields.put(
                DefinitionParameters.ENDORSEMENT_INFO,
                bytes(parameters.endorsementInfo().toByteString()));
        fields.put(
                DefinitionParameters.VALIDATION_INFO,
                bytes(parameters.validationInfo().toByteString()));
        fields.put(
                DefinitionParameters.COLLECTIONS, bytes(parameters.collections().toByteString()));

        StateMetadata existing = simulator
                .getState(NAMESPACE, LifecycleKeys.metadataKey(name))
                .map(b -> decode(b, StateMetadata.parser(), "metadata of " + name))
                .orElse(StateMetadata.getDefaultInstance());
        Map<String, Optional<ByteString>> existingFields = new TreeMap<>();
        for (String field : existing.getFieldsList()) {
            existingFields.put(field, simulator.getState(NAMESPACE, LifecycleKeys.fieldKey(name, field)));
        }
        for (Map.Entry<String, ByteString> field : fields.entrySet()) {
            Optional<ByteString> old = existingFields.remove(field.getKey());
            if (old == null || old.isEmpty() || !old.get().equals(field.getValue())) {
                simulator.setState(NAMESPACE, LifecycleKeys.fieldKey(name, field.getKey()), field.getValue());
            }
        }
        if (!existingFields.isEmpty()
                || !existing.getDatatype().equals(DEFINITION_TYPE)
                || existing.getFieldsCount() != DEFINITION_FIELDS.size()) {
            simulator.setState(
                    NAMESPACE,
                    LifecycleKeys.metadataKey(name),
                    StateMetadata.newBuilder()
                            .setDatatype(DEFINITION_TYPE)
                            .addAllFields(DEFINITION_FIELDS)
                            .build()
                            .toByteString());
        }
        for (String stale : existingFields.keySet()) {
            simulator.deleteState(NAMESPACE, LifecycleKeys.fieldKey(name, stale));
        }
    }

    /** The names of every committed definition, sorted, with their datatypes. */
    static Map<String, String> definedNamespaces(QueryExecutor state) {
        Map<String, String> out = new TreeMap<>();
        String prefix = LifecycleKeys.METADATA_PREFIX;
        try (ResultsIterator<KeyValue> it =
                state.getStateRangeScanIterator(NAMESPACE, prefix, LifecycleKeys.prefixEnd(prefix))) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                String name = kv.key().substring(prefix.length());
                out.put(
                        name,
                        decode(kv.value(), StateMetadata.parser(), "metadata of " + name)
                                .getDatatype());
            }
        }
        return out;
    }

    /** An org's approval of a definition at a sequence. */
    static Optional<Approval> approval(QueryExecutor state, String mspId, String name, long sequence) {
        Optional<ByteString> value = state.getState(NAMESPACE, LifecycleKeys.approvalKey(mspId, name, sequence));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        ApproveChaincodeDefinitionForMyOrgArgs approved =
                decode(value.get(), ApproveChaincodeDefinitionForMyOrgArgs.parser(), "approval of " + name);
        ChaincodeSource source = state.getState(NAMESPACE, LifecycleKeys.sourceKey(mspId, name, sequence))
                .map(b -> decode(b, ChaincodeSource.parser(), "chaincode source of " + name))
                .orElse(ChaincodeSource.getDefaultInstance());
        String packageId = source.hasLocalPackage() ? source.getLocalPackage().getPackageId() : "";
        return Optional.of(new Approval(sequence, parametersOf(approved), packageId));
    }

    /** Every approval of an org, sorted by key. */
    static List<Map.Entry<String, Approval>> approvals(QueryExecutor state, String mspId) {
        String prefix = LifecycleKeys.APPROVALS_PREFIX + mspId + "/";
        List<String> keys = new ArrayList<>();
        try (ResultsIterator<KeyValue> it =
                state.getStateRangeScanIterator(NAMESPACE, prefix, LifecycleKeys.prefixEnd(prefix))) {
            while (it.hasNext()) {
                keys.add(it.next().key().substring(prefix.length()));
            }
        }
        List<Map.Entry<String, Approval>> out = new ArrayList<>();
        for (String privateName : keys) {
            int hash = privateName.lastIndexOf('#');
            String name = privateName.substring(0, hash);
            long sequence = Long.parseLong(privateName.substring(hash + 1));
            approval(state, mspId, name, sequence).ifPresent(a -> out.add(Map.entry(name, a)));
        }
        return out;
    }

    static void writeApproval(
            TxSimulator simulator,
            String mspId,
            String name,
            long sequence,
            DefinitionParameters parameters,
            String packageId) {
        ApproveChaincodeDefinitionForMyOrgArgs approved = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setSequence(sequence)
                .setName(name)
                .setVersion(parameters.endorsementInfo().getVersion())
                .setEndorsementPlugin(parameters.endorsementInfo().getEndorsementPlugin())
                .setInitRequired(parameters.endorsementInfo().getInitRequired())
                .setValidationPlugin(parameters.validationInfo().getValidationPlugin())
                .setValidationParameter(parameters.validationInfo().getValidationParameter())
                .setCollections(parameters.collections())
                .build();
        simulator.setState(NAMESPACE, LifecycleKeys.approvalKey(mspId, name, sequence), approved.toByteString());
        simulator.setState(
                NAMESPACE,
                LifecycleKeys.sourceKey(mspId, name, sequence),
                source(packageId).toByteString());
    }

    static ChaincodeSource source(String packageId) {
        ChaincodeSource.Builder source = ChaincodeSource.newBuilder();
        if (packageId.isEmpty()) {
            source.setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance());
        } else {
            source.setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId));
        }
        return source.build();
    }

    private static DefinitionParameters parametersOf(ApproveChaincodeDefinitionForMyOrgArgs approved) {
        return DefinitionParameters.of(
                approved.getVersion(),
                approved.getInitRequired(),
                approved.getEndorsementPlugin(),
                approved.getValidationPlugin(),
                approved.getValidationParameter(),
                approved.getCollections());
    }

    private static ByteString bytes(ByteString value) {
        return StateData.newBuilder().setBytes(value).build().toByteString();
    }

    private static <T> T decode(ByteString bytes, com.google.protobuf.Parser<T> parser, String what) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LifecycleException("could not deserialize " + what + " in _lifecycle state: " + e.getMessage());
        }
    }
}
