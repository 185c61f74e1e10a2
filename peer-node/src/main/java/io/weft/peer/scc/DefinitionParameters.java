package io.weft.peer.scc;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * The parameters of a chaincode definition that orgs approve and that must agree for a commit: Fabric's
 * {@code ChaincodeParameters} (endorsement info, validation info, collections). Compared by their serialized bytes, as
 * Fabric compares hashes of them, so an absent collection package equals an empty one.
 */
record DefinitionParameters(
        ChaincodeEndorsementInfo endorsementInfo,
        ChaincodeValidationInfo validationInfo,
        CollectionConfigPackage collections) {

    static final String ENDORSEMENT_INFO = "EndorsementInfo";
    static final String VALIDATION_INFO = "ValidationInfo";
    static final String COLLECTIONS = "Collections";

    static DefinitionParameters of(
            String version,
            boolean initRequired,
            String endorsementPlugin,
            String validationPlugin,
            com.google.protobuf.ByteString validationParameter,
            CollectionConfigPackage collections) {
        return new DefinitionParameters(
                ChaincodeEndorsementInfo.newBuilder()
                        .setVersion(version)
                        .setInitRequired(initRequired)
                        .setEndorsementPlugin(endorsementPlugin)
                        .build(),
                ChaincodeValidationInfo.newBuilder()
                        .setValidationPlugin(validationPlugin)
                        .setValidationParameter(validationParameter)
                        .build(),
                collections);
    }

    /** The names of the fields ({@code EndorsementInfo}, {@code ValidationInfo}, {@code Collections}) that differ. */
    List<String> mismatches(DefinitionParameters other) {
        List<String> items = new ArrayList<>();
        if (!endorsementInfo.toByteString().equals(other.endorsementInfo.toByteString())) {
            items.add(ENDORSEMENT_INFO);
        }
        if (!validationInfo.toByteString().equals(other.validationInfo.toByteString())) {
            items.add(VALIDATION_INFO);
        }
        if (!collections.toByteString().equals(other.collections.toByteString())) {
            items.add(COLLECTIONS);
        }
        return items;
    }

    /** Fabric's {@code ChaincodeParameters.Equal} message for the first difference; {@code this} is the expected. */
    Optional<String> differenceFrom(DefinitionParameters passed) {
        ChaincodeEndorsementInfo e = endorsementInfo;
        ChaincodeEndorsementInfo p = passed.endorsementInfo;
        if (!e.getVersion().equals(p.getVersion())) {
            return Optional.of(
                    "expected Version '" + e.getVersion() + "' does not match passed Version '" + p.getVersion() + "'");
        }
        if (!e.getEndorsementPlugin().equals(p.getEndorsementPlugin())) {
            return Optional.of("expected EndorsementPlugin '" + e.getEndorsementPlugin()
                    + "' does not match passed EndorsementPlugin '" + p.getEndorsementPlugin() + "'");
        }
        if (e.getInitRequired() != p.getInitRequired()) {
            return Optional.of("expected InitRequired '" + e.getInitRequired()
                    + "' does not match passed InitRequired '" + p.getInitRequired() + "'");
        }
        ChaincodeValidationInfo v = validationInfo;
        ChaincodeValidationInfo q = passed.validationInfo;
        if (!v.getValidationPlugin().equals(q.getValidationPlugin())) {
            return Optional.of("expected ValidationPlugin '" + v.getValidationPlugin()
                    + "' does not match passed ValidationPlugin '" + q.getValidationPlugin() + "'");
        }
        if (!v.getValidationParameter().equals(q.getValidationParameter())) {
            HexFormat hex = HexFormat.of();
            return Optional.of("expected ValidationParameter '"
                    + hex.formatHex(v.getValidationParameter().toByteArray())
                    + "' does not match passed ValidationParameter '"
                    + hex.formatHex(q.getValidationParameter().toByteArray()) + "'");
        }
        if (!collections.toByteString().equals(passed.collections.toByteString())) {
            return Optional.of("Collections do not match");
        }
        return Optional.empty();
    }

    /** Fabric's description of a definition, for log lines. */
    String describe(long sequence) {
        return "sequence: " + sequence + ", endorsement info: (version: '" + endorsementInfo.getVersion()
                + "', plugin: '" + endorsementInfo.getEndorsementPlugin() + "', init required: "
                + endorsementInfo.getInitRequired() + "), validation info: (plugin: '"
                + validationInfo.getValidationPlugin() + "')";
    }
}
