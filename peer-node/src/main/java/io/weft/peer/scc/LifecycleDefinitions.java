package io.weft.peer.scc;

import io.weft.ledger.QueryExecutor;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * The committed chaincode definitions of a channel as the endorser needs them: version, init-required, endorsement
 * plugin, validation info, and whether this peer's org approved the definition and with which installed package.
 *
 * <p>As on Fabric, only the definition's {@code namespaces/fields/<name>/Sequence} key should be read through the
 * transaction simulator (so the read is in the read-write set and a definition change between endorsement and commit
 * invalidates the transaction, and so every org's peer produces the same read set); everything else is read from a
 * plain query executor. A sequence that differs between the two reads means the definition changed during the
 * invocation, which is an error.
 */
public final class LifecycleDefinitions {
    /**
     * The key a chaincode namespace holds once its Init ran: {@code "\u0000" + U+10FFFF + "initialized"} (fabric-protocol
     * §8.4); its value is the definition version that was initialized.
     */
    public static final String INITIALIZED_KEY = "\u0000\uDBFF\uDFFFinitialized";

    /**
     * A committed definition.
     *
     * @param approvedByMyOrg whether this peer's org approved exactly these parameters at this sequence
     * @param packageId the package this org approved for this sequence; empty when not approved or approved with no
     *     package (such a definition is defined but cannot be invoked on this peer)
     */
    public record Definition(
            String name,
            long sequence,
            String version,
            boolean initRequired,
            String endorsementPlugin,
            ChaincodeValidationInfo validationInfo,
            CollectionConfigPackage collections,
            boolean approvedByMyOrg,
            Optional<String> packageId) {}

    private final String localMspId;

    /** @param localMspId the MSP ID of this peer's org */
    public LifecycleDefinitions(String localMspId) {
        this.localMspId = localMspId;
    }

    /**
     * The definition of a chaincode.
     *
     * @param recorded reads the {@code Sequence} key; pass the transaction simulator
     * @param state reads the rest without recording; a query executor on the same or a later committed state
     * @return empty when no chaincode of that name is defined
     * @throws LifecycleException when the state does not decode or the definition changed between the two reads
     */
    public Optional<Definition> definition(QueryExecutor recorded, QueryExecutor state, String name) {
        long sequence = LifecycleState.sequence(recorded, name);
        if (sequence == 0) {
            return Optional.empty();
        }
        Optional<LifecycleState.Committed> committed = LifecycleState.committed(state, name);
        if (committed.isEmpty() || committed.get().sequence() != sequence) {
            throw new LifecycleException("chaincode definition for '" + name + "' changed during invoke: sequence "
                    + sequence + " was read, but the state now holds sequence "
                    + committed.map(LifecycleState.Committed::sequence).orElse(0L));
        }
        DefinitionParameters parameters = committed.get().parameters();
        Optional<LifecycleState.Approval> approval = LifecycleState.approval(state, localMspId, name, sequence);
        boolean approved = approval.isPresent()
                && approval.get().parameters().mismatches(parameters).isEmpty();
        Optional<String> packageId = approved && !approval.get().packageId().isEmpty()
                ? Optional.of(approval.get().packageId())
                : Optional.empty();
        return Optional.of(new Definition(
                name,
                sequence,
                parameters.endorsementInfo().getVersion(),
                parameters.endorsementInfo().getInitRequired(),
                parameters.endorsementInfo().getEndorsementPlugin(),
                parameters.validationInfo(),
                parameters.collections(),
                approved,
                packageId));
    }

    /** The definition, all reads through one executor (for callers that do not simulate: gateway, CLI queries). */
    public Optional<Definition> definition(QueryExecutor state, String name) {
        return definition(state, state, name);
    }
}
