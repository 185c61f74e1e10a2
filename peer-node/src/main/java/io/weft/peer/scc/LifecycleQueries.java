package io.weft.peer.scc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.weft.ledger.QueryExecutor;
import io.weft.msp.ChannelConfig;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;

/** The read-only channel functions of {@code _lifecycle}: approved and committed definitions. */
final class LifecycleQueries {
    static final String QUERY_APPROVED = "QueryApprovedChaincodeDefinition";
    static final String QUERY_APPROVED_ALL = "QueryApprovedChaincodeDefinitions";
    static final String QUERY_DEFINITION = "QueryChaincodeDefinition";
    static final String QUERY_DEFINITIONS = "QueryChaincodeDefinitions";

    private final String localMspId;
    private final LifecycleChannelFunctions functions;

    LifecycleQueries(String localMspId, LifecycleChannelFunctions functions) {
        this.localMspId = localMspId;
        this.functions = functions;
    }

    MessageLite invoke(String function, ByteString input, SccInvocation invocation, ChannelConfig config)
            throws InvalidProtocolBufferException {
        return switch (function) {
            case QUERY_APPROVED -> {
                QueryApprovedChaincodeDefinitionArgs args = QueryApprovedChaincodeDefinitionArgs.parseFrom(input);
                yield LifecycleChannelFunctions.withState(invocation, s -> approved(s, config, args));
            }
            case QUERY_APPROVED_ALL -> {
                var unused = QueryApprovedChaincodeDefinitionsArgs.parseFrom(input);
                yield LifecycleChannelFunctions.withState(invocation, this::allApproved);
            }
            case QUERY_DEFINITION -> {
                QueryChaincodeDefinitionArgs args = QueryChaincodeDefinitionArgs.parseFrom(input);
                yield LifecycleChannelFunctions.withState(invocation, s -> definition(s, config, args.getName()));
            }
            case QUERY_DEFINITIONS -> {
                var unused = QueryChaincodeDefinitionsArgs.parseFrom(input);
                yield LifecycleChannelFunctions.withState(invocation, LifecycleQueries::definitions);
            }
            default -> throw new LifecycleException("receiver *lifecycle.Invocation." + function + " does not exist");
        };
    }

    private QueryApprovedChaincodeDefinitionResult approved(
            QueryExecutor state, ChannelConfig config, QueryApprovedChaincodeDefinitionArgs args) {
        String name = args.getName();
        long sequence = args.getSequence();
        if (sequence == 0) {
            // the latest: the next sequence when this org approved it, else the committed one
            long current = LifecycleState.sequence(state, name);
            sequence = LifecycleState.approval(state, localMspId, name, current + 1)
                            .isPresent()
                    ? current + 1
                    : current;
        }
        long requested = sequence;
        LifecycleState.Approval approval = LifecycleState.approval(state, localMspId, name, requested)
                .orElseThrow(() -> new LifecycleException("could not fetch approved chaincode definition (name: '"
                        + name + "', sequence: '" + requested + "') on channel '" + config.channelId() + "'"));
        DefinitionParameters p = approval.parameters();
        return QueryApprovedChaincodeDefinitionResult.newBuilder()
                .setSequence(requested)
                .setVersion(p.endorsementInfo().getVersion())
                .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                .setInitRequired(p.endorsementInfo().getInitRequired())
                .setValidationPlugin(p.validationInfo().getValidationPlugin())
                .setValidationParameter(p.validationInfo().getValidationParameter())
                .setCollections(p.collections())
                .setSource(LifecycleState.source(approval.packageId()))
                .build();
    }

    private QueryApprovedChaincodeDefinitionsResult allApproved(QueryExecutor state) {
        QueryApprovedChaincodeDefinitionsResult.Builder result = QueryApprovedChaincodeDefinitionsResult.newBuilder();
        for (Map.Entry<String, LifecycleState.Approval> entry : LifecycleState.approvals(state, localMspId)) {
            LifecycleState.Approval approval = entry.getValue();
            DefinitionParameters p = approval.parameters();
            result.addApprovedChaincodeDefinitions(
                    QueryApprovedChaincodeDefinitionsResult.ApprovedChaincodeDefinition.newBuilder()
                            .setName(entry.getKey())
                            .setSequence(approval.sequence())
                            .setVersion(p.endorsementInfo().getVersion())
                            .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                            .setInitRequired(p.endorsementInfo().getInitRequired())
                            .setValidationPlugin(p.validationInfo().getValidationPlugin())
                            .setValidationParameter(p.validationInfo().getValidationParameter())
                            .setCollections(p.collections())
                            .setSource(LifecycleState.source(approval.packageId())));
        }
        return result.build();
    }

    private QueryChaincodeDefinitionResult definition(QueryExecutor state, ChannelConfig config, String name) {
        LifecycleState.Committed committed = LifecycleState.committed(state, name)
                .orElseThrow(
                        () -> new LifecycleException("namespace " + name + " is not defined", SccResponses.NOT_FOUND));
        DefinitionParameters p = committed.parameters();
        LifecycleChannelFunctions.Readiness approvals =
                functions.approvals(state, config, name, committed.sequence(), p);
        return QueryChaincodeDefinitionResult.newBuilder()
                .setSequence(committed.sequence())
                .setVersion(p.endorsementInfo().getVersion())
                .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                .setInitRequired(p.endorsementInfo().getInitRequired())
                .setValidationPlugin(p.validationInfo().getValidationPlugin())
                .setValidationParameter(p.validationInfo().getValidationParameter())
                .setCollections(p.collections())
                .putAllApprovals(approvals.approvals())
                .build();
    }

    private static QueryChaincodeDefinitionsResult definitions(QueryExecutor state) {
        QueryChaincodeDefinitionsResult.Builder result = QueryChaincodeDefinitionsResult.newBuilder();
        for (Map.Entry<String, String> ns :
                LifecycleState.definedNamespaces(state).entrySet()) {
            if (!ns.getValue().equals(LifecycleState.DEFINITION_TYPE)) {
                continue;
            }
            LifecycleState.committed(state, ns.getKey()).ifPresent(c -> {
                DefinitionParameters p = c.parameters();
                result.addChaincodeDefinitions(QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
                        .setName(ns.getKey())
                        .setSequence(c.sequence())
                        .setVersion(p.endorsementInfo().getVersion())
                        .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
                        .setInitRequired(p.endorsementInfo().getInitRequired())
                        .setValidationPlugin(p.validationInfo().getValidationPlugin())
                        .setValidationParameter(p.validationInfo().getValidationParameter())
                        .setCollections(p.collections()));
            });
        }
        return result.build();
    }
}
