package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer lifecycle chaincode checkcommitreadiness}: which orgs approved this exact definition. */
@Command(
        name = "checkcommitreadiness",
        description = "Check whether a chaincode definition is ready to be committed on a channel.")
final class CheckCommitReadinessCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Mixin
    DefinitionOptions definition;

    @Option(
            names = {"-O", "--output"},
            paramLabel = "FORMAT",
            description = "The output format for query results. Default is human-readable plain-text; json is the"
                    + " only other format.")
    String output = "";

    @Option(
            names = "--inspect",
            description = "Output additional information to identify discrepancies when an organization's approval is"
                    + " false")
    boolean inspect;

    @Override
    int execute() throws InvalidProtocolBufferException {
        definition.validate(spec);
        ProposalResponse response = peer.call(
                spec,
                HeaderType.ENDORSER_TRANSACTION,
                definition.channelId,
                "_lifecycle",
                ChaincodeSpec.Type.UNDEFINED,
                PeerCall.args(
                        "CheckCommitReadiness", definition.readinessArgs(spec).toByteString()));
        LifecycleQuery.check(response);
        CheckCommitReadinessResult result =
                CheckCommitReadinessResult.parseFrom(response.getResponse().getPayload());
        if (output.toLowerCase(Locale.ROOT).equals("json")) {
            CheckCommitReadinessResult.Builder shown = result.toBuilder().clearMismatches();
            if (inspect) {
                for (Map.Entry<String, CheckCommitReadinessResult.Mismatches> e :
                        result.getMismatchesMap().entrySet()) {
                    CheckCommitReadinessResult.Mismatches.Builder items =
                            CheckCommitReadinessResult.Mismatches.newBuilder();
                    e.getValue().getItemsList().forEach(item -> items.addItems(describe(item)));
                    shown.putMismatches(e.getKey(), items.build());
                }
            }
            println(GoJson.indented(shown.build()));
            return 0;
        }
        println("Chaincode definition for chaincode '" + definition.name + "', version '" + definition.version
                + "', sequence '" + definition.sequence + "' on channel '" + definition.channelId
                + "' approval status by org:");
        for (Map.Entry<String, Boolean> approval : new TreeMap<>(result.getApprovalsMap()).entrySet()) {
            StringBuilder line = new StringBuilder(approval.getKey() + ": " + approval.getValue());
            CheckCommitReadinessResult.Mismatches mismatches =
                    result.getMismatchesMap().get(approval.getKey());
            if (inspect && mismatches != null && mismatches.getItemsCount() > 0) {
                line.append(" (mismatch: [")
                        .append(String.join(", ", mismatches.getItemsList()))
                        .append("])");
            }
            println(line.toString());
        }
        return 0;
    }

    private static String describe(String item) {
        return switch (item) {
            case "ChaincodeParameters" -> "ChaincodeParameters (Check the Sequence, ChaincodeName)";
            case "EndorsementInfo" -> "EndorsementInfo (Check the Version, InitRequired, EndorsementPlugin)";
            case "ValidationInfo" -> "ValidationInfo (Check the ValidationParameter, ValidationPlugin)";
            case "Collections" -> "Collections (Check the Collections)";
            default -> item;
        };
    }
}
