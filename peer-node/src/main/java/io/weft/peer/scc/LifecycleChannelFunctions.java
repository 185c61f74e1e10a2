package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.weft.ledger.QueryExecutor;
import io.weft.ledger.TxSimulator;
import io.weft.msp.ChannelConfig;
import io.weft.msp.ImplicitMetaPolicy;
import io.weft.msp.Policy;
import io.weft.peer.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel functions of {@code _lifecycle}: approve for my org, check commit readiness, commit (this class), and the
 * queries of approved and committed definitions ({@link LifecycleQueries}). Reads go through the proposal's
 * transaction simulator when there is one, so they are in the read-write set; approve and commit need it for their
 * writes.
 *
 * <p>Approvals: Fabric writes an org's approval to the org's implicit private collection and compares hashes of it;
 * Weft has no private data, so an approval is written in public {@code _lifecycle} state under
 * {@code weft/approvals/<MSPID>/<name>#<sequence>} (the parameters) and {@code weft/sources/<MSPID>/<name>#<sequence>}
 * (the local package id), by an ordinary transaction endorsed by the org's peer. Readiness and commit read every
 * application org's approval key (recorded reads, so a re-approval between endorsement and commit invalidates the
 * commit by MVCC) and compare the parameters, not the source. Approvals are thereby visible to every member of the
 * channel, which Fabric's are not.
 */
final class LifecycleChannelFunctions {
    static final String APPROVE = "ApproveChaincodeDefinitionForMyOrg";
    static final String CHECK_READINESS = "CheckCommitReadiness";
    static final String COMMIT = "CommitChaincodeDefinition";

    static final String DEFAULT_ENDORSEMENT_POLICY = "/Channel/Application/Endorsement";
    static final String LIFECYCLE_ENDORSEMENT_POLICY = "/Channel/Application/LifecycleEndorsement";
    static final String NOT_APPROVED = "ChaincodeParameters";

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleChannelFunctions.class);
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9_.+-]+$");
    private static final Set<String> SYSTEM_CHAINCODES = Set.of("cscc", "escc", "lscc", "qscc", "vscc");

    /** Which orgs approved a definition, and what differs for those that approved something else. */
    record Readiness(Map<String, Boolean> approvals, Map<String, List<String>> mismatches) {}

    private final String localMspId;
    private final LifecycleQueries queries;

    LifecycleChannelFunctions(String localMspId) {
        this.localMspId = localMspId;
        this.queries = new LifecycleQueries(localMspId, this);
    }

    MessageLite invoke(String function, ByteString input, SccInvocation invocation)
            throws InvalidProtocolBufferException {
        Channel channel = invocation
                .channel()
                .orElseThrow(() ->
                        new LifecycleException("no application config for channel '" + invocation.channelId() + "'"));
        ChannelConfig config = channel.config();
        return switch (function) {
            case APPROVE -> approve(ApproveChaincodeDefinitionForMyOrgArgs.parseFrom(input), invocation, config);
            case CHECK_READINESS -> checkReadiness(CheckCommitReadinessArgs.parseFrom(input), invocation, config);
            case COMMIT -> commit(CommitChaincodeDefinitionArgs.parseFrom(input), invocation, config);
            default -> queries.invoke(function, input, invocation, config);
        };
    }

    private MessageLite approve(
            ApproveChaincodeDefinitionForMyOrgArgs args, SccInvocation invocation, ChannelConfig config) {
        String name = args.getName();
        validateInput(name, args.getVersion());
        requireMember(config);
        TxSimulator simulator = requireSimulator(invocation, APPROVE);
        String packageId = args.getSource().hasLocalPackage()
                ? args.getSource().getLocalPackage().getPackageId()
                : "";
        long current = LifecycleState.sequence(simulator, name);
        long requested = args.getSequence();
        if (current == requested && requested == 0) {
            throw new LifecycleException("requested sequence is 0, but first definable sequence number is 1");
        }
        if (requested < current) {
            throw new LifecycleException(
                    "currently defined sequence " + current + " is larger than requested sequence " + requested);
        }
        if (requested > current + 1) {
            throw new LifecycleException("requested sequence " + requested
                    + " is larger than the next available sequence number " + (current + 1));
        }
        DefinitionParameters parameters = withDefaults(
                config,
                args.getVersion(),
                args.getInitRequired(),
                args.getEndorsementPlugin(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections());
        if (requested == current) {
            LifecycleState.Committed committed = LifecycleState.committed(simulator, name)
                    .orElseThrow(() -> new LifecycleException(
                            "missing metadata for currently committed sequence number (" + current + ")"));
            committed.parameters().differenceFrom(parameters).ifPresent(difference -> {
                throw new LifecycleException("attempted to redefine the current committed sequence (" + current
                        + ") for namespace " + name + " with different parameters: " + difference);
            });
            if (alreadyApproved(simulator, name, requested, parameters, packageId)) {
                throw new LifecycleException(
                        "attempted to redefine the current committed sequence (" + current + ") for namespace " + name);
            }
        } else if (alreadyApproved(simulator, name, requested, parameters, packageId)) {
            throw new LifecycleException("attempted to redefine uncommitted sequence (" + requested + ") for namespace "
                    + name + " with unchanged content");
        }
        LifecycleState.writeApproval(simulator, localMspId, name, requested, parameters, packageId);
        LOG.info(
                "Successfully endorsed chaincode approval with name '{}', package ID '{}', on channel '{}' with "
                        + "definition {{}}",
                name,
                packageId,
                config.channelId(),
                parameters.describe(requested));
        return ApproveChaincodeDefinitionForMyOrgResult.getDefaultInstance();
    }

    private boolean alreadyApproved(
            QueryExecutor state, String name, long sequence, DefinitionParameters parameters, String packageId) {
        return LifecycleState.approval(state, localMspId, name, sequence)
                .filter(a -> a.parameters().mismatches(parameters).isEmpty())
                .filter(a -> a.packageId().equals(packageId))
                .isPresent();
    }

    private MessageLite checkReadiness(CheckCommitReadinessArgs args, SccInvocation invocation, ChannelConfig config) {
        DefinitionParameters parameters = withDefaults(
                config,
                args.getVersion(),
                args.getInitRequired(),
                args.getEndorsementPlugin(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections());
        Readiness readiness = withState(
                invocation, state -> readiness(state, config, args.getName(), args.getSequence(), parameters));
        CheckCommitReadinessResult.Builder result =
                CheckCommitReadinessResult.newBuilder().putAllApprovals(readiness.approvals());
        readiness
                .mismatches()
                .forEach((org, items) -> result.putMismatches(
                        org,
                        CheckCommitReadinessResult.Mismatches.newBuilder()
                                .addAllItems(items)
                                .build()));
        LOG.info(
                "Successfully checked commit readiness of chaincode name '{}' on channel '{}' with definition {{}}",
                args.getName(),
                config.channelId(),
                parameters.describe(args.getSequence()));
        return result.build();
    }

    private MessageLite commit(CommitChaincodeDefinitionArgs args, SccInvocation invocation, ChannelConfig config) {
        String name = args.getName();
        validateInput(name, args.getVersion());
        requireMember(config);
        TxSimulator simulator = requireSimulator(invocation, COMMIT);
        DefinitionParameters parameters = withDefaults(
                config,
                args.getVersion(),
                args.getInitRequired(),
                args.getEndorsementPlugin(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections());
        Readiness readiness = readiness(simulator, config, name, args.getSequence(), parameters);
        LifecycleState.writeDefinition(simulator, name, args.getSequence(), parameters);
        if (!readiness.approvals().getOrDefault(localMspId, false)) {
            throw new LifecycleException("chaincode definition not agreed to by this org (" + localMspId + ")");
        }
        checkLifecycleEndorsement(config, name, args.getSequence(), readiness.approvals());
        LOG.info(
                "Successfully endorsed commit for chaincode name '{}' on channel '{}' with definition {{}}",
                name,
                config.channelId(),
                parameters.describe(args.getSequence()));
        return CommitChaincodeDefinitionResult.getDefaultInstance();
    }

    /**
     * Checks, at endorsement, that enough orgs approved for {@code LifecycleEndorsement} to be satisfiable. For an
     * implicit meta policy (the default, MAJORITY Endorsement) the approving orgs are counted against its threshold; a
     * channel without the policy gets Fabric's fallback, a majority of the orgs. A signature policy is left to the
     * committer, which evaluates it over the commit transaction's endorsements (this approximates Fabric, which makes
     * no such count at endorsement and relies on each org's peer endorsing only what its org approved).
     */
    private static void checkLifecycleEndorsement(
            ChannelConfig config, String name, long sequence, Map<String, Boolean> approvals) {
        Optional<Policy> policy = config.policy(LIFECYCLE_ENDORSEMENT_POLICY);
        int needed;
        String rule;
        if (policy.isEmpty()) {
            needed = approvals.size() / 2 + 1;
            rule = "a majority of the application orgs (the channel defines no " + LIFECYCLE_ENDORSEMENT_POLICY + ")";
        } else if (policy.get() instanceof ImplicitMetaPolicy meta) {
            needed = meta.threshold();
            rule = LIFECYCLE_ENDORSEMENT_POLICY + " (" + meta.describe() + ")";
        } else {
            return;
        }
        Set<String> approving = new TreeSet<>();
        approvals.forEach((org, approved) -> {
            if (approved) {
                approving.add(org);
            }
        });
        if (approving.size() < needed) {
            throw new LifecycleException("chaincode definition for '" + name + "' at sequence " + sequence
                    + " is approved by " + approving.size() + " of " + approvals.size() + " application orgs "
                    + approving + ", but " + rule + " needs " + needed);
        }
    }

    /** Fabric's {@code CheckCommitReadiness}: the sequence must be the next one; then every org's approval. */
    Readiness readiness(
            QueryExecutor state, ChannelConfig config, String name, long sequence, DefinitionParameters parameters) {
        long current = LifecycleState.sequence(state, name);
        if (sequence != current + 1) {
            throw new LifecycleException(
                    "requested sequence is " + sequence + ", but new definition must be sequence " + (current + 1));
        }
        return approvals(state, config, name, sequence, parameters);
    }

    /** Which application orgs approved exactly these parameters at this sequence (Fabric's QueryOrgApprovals). */
    Readiness approvals(
            QueryExecutor state, ChannelConfig config, String name, long sequence, DefinitionParameters parameters) {
        Map<String, Boolean> approvals = new TreeMap<>();
        Map<String, List<String>> mismatches = new TreeMap<>();
        for (String mspId : new TreeSet<>(config.applicationOrgs().values())) {
            Optional<LifecycleState.Approval> approval = LifecycleState.approval(state, mspId, name, sequence);
            List<String> items =
                    approval.map(a -> parameters.mismatches(a.parameters())).orElse(List.of(NOT_APPROVED));
            approvals.put(mspId, items.isEmpty());
            if (!items.isEmpty()) {
                mismatches.put(mspId, items);
            }
        }
        return new Readiness(approvals, mismatches);
    }

    /** Fills Fabric's defaults: plugins {@code escc}/{@code vscc}, the channel's default endorsement policy. */
    static DefinitionParameters withDefaults(
            ChannelConfig config,
            String version,
            boolean initRequired,
            String endorsementPlugin,
            String validationPlugin,
            ByteString validationParameter,
            CollectionConfigPackage collections) {
        ByteString parameter = validationParameter;
        if (parameter.isEmpty()) {
            if (config.policy(DEFAULT_ENDORSEMENT_POLICY).isEmpty()) {
                throw new LifecycleException("could not set defaults for chaincode definition in channel "
                        + config.channelId() + ": policy '" + DEFAULT_ENDORSEMENT_POLICY
                        + "' must be defined for channel '" + config.channelId()
                        + "' before chaincode operations can be attempted");
            }
            parameter = ApplicationPolicy.newBuilder()
                    .setChannelConfigPolicyReference(DEFAULT_ENDORSEMENT_POLICY)
                    .build()
                    .toByteString();
        }
        return DefinitionParameters.of(
                version,
                initRequired,
                endorsementPlugin.isEmpty() ? "escc" : endorsementPlugin,
                validationPlugin.isEmpty() ? "vscc" : validationPlugin,
                parameter,
                collections);
    }

    private static void validateInput(String name, String version) {
        String prefix = "error validating chaincode definition: ";
        if (!NAME.matcher(name).matches()) {
            throw new LifecycleException(prefix + "invalid chaincode name '" + name
                    + "'. Names can only consist of alphanumerics, '_', and '-' and can only begin with alphanumerics");
        }
        if (SYSTEM_CHAINCODES.contains(name)) {
            throw new LifecycleException(prefix + "chaincode name '" + name + "' is the name of a system chaincode");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new LifecycleException(prefix + "invalid chaincode version '" + version
                    + "'. Versions can only consist of alphanumerics, '_', '-', '+', and '.'");
        }
    }

    private void requireMember(ChannelConfig config) {
        if (!config.applicationOrgs().containsValue(localMspId)) {
            throw new LifecycleException(
                    "impossibly, this peer's org is processing requests for a channel it is not a member of");
        }
    }

    private static TxSimulator requireSimulator(SccInvocation invocation, String function) {
        return invocation
                .simulator()
                .orElseThrow(() -> new LifecycleException(function + " writes channel state, but the invocation on "
                        + "channel '" + invocation.channelId() + "' has no transaction simulator"));
    }

    /** Runs a read through the simulator when there is one, else on a fresh snapshot of the channel's state. */
    static <T> T withState(SccInvocation invocation, Function<QueryExecutor, T> read) {
        if (invocation.simulator().isPresent()) {
            return read.apply(invocation.simulator().get());
        }
        try (QueryExecutor state = invocation.channel().orElseThrow().ledger().newQueryExecutor()) {
            return read.apply(state);
        }
    }
}
