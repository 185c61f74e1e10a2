package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer lifecycle chaincode querycommitted -C CHANNEL [-n NAME] [-O json]}: committed definitions. */
@Command(
        name = "querycommitted",
        description = "Query the committed chaincode definitions by channel on a peer.",
        mixinStandardHelpOptions = true)
final class QueryCommittedCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-C", "--channelID"},
            paramLabel = "CHANNEL",
            description = "The channel on which this command should be executed")
    String channelId = "";

    @Option(
            names = {"-n", "--name"},
            paramLabel = "NAME",
            description = "Name of the chaincode")
    String name = "";

    @Option(
            names = {"-O", "--output"},
            paramLabel = "FORMAT",
            description = "The output format for query results. Default is human-readable plain-text; json is the"
                    + " only other format.")
    String output = "";

    @Override
    int execute() throws InvalidProtocolBufferException {
        if (channelId.isBlank()) {
            throw usage("channel name must be specified");
        }
        boolean one = !name.isBlank();
        ProposalResponse response = peer.call(
                spec,
                HeaderType.ENDORSER_TRANSACTION,
                channelId,
                "_lifecycle",
                ChaincodeSpec.Type.UNDEFINED,
                one
                        ? PeerCall.args(
                                "QueryChaincodeDefinition",
                                QueryChaincodeDefinitionArgs.newBuilder()
                                        .setName(name)
                                        .build()
                                        .toByteString())
                        : PeerCall.args(
                                "QueryChaincodeDefinitions",
                                QueryChaincodeDefinitionsArgs.getDefaultInstance()
                                        .toByteString()));
        LifecycleQuery.check(response);
        boolean json = output.toLowerCase(Locale.ROOT).equals("json");
        if (one) {
            QueryChaincodeDefinitionResult result = QueryChaincodeDefinitionResult.parseFrom(
                    response.getResponse().getPayload());
            if (json) {
                println(GoJson.indented(result));
                return 0;
            }
            println("Committed chaincode definition for chaincode '" + name + "' on channel '" + channelId + "':");
            List<String> approvals = new ArrayList<>();
            for (Map.Entry<String, Boolean> e : new TreeMap<>(result.getApprovalsMap()).entrySet()) {
                approvals.add(e.getKey() + ": " + e.getValue());
            }
            println(definition(
                            result.getVersion(),
                            result.getSequence(),
                            result.getEndorsementPlugin(),
                            result.getValidationPlugin())
                    + ", Approvals: [" + String.join(", ", approvals) + "]");
            return 0;
        }
        QueryChaincodeDefinitionsResult result =
                QueryChaincodeDefinitionsResult.parseFrom(response.getResponse().getPayload());
        if (json) {
            println(GoJson.indented(result));
            return 0;
        }
        println("Committed chaincode definitions on channel '" + channelId + "':");
        for (QueryChaincodeDefinitionsResult.ChaincodeDefinition cd : result.getChaincodeDefinitionsList()) {
            println("Name: " + cd.getName() + ", "
                    + definition(
                            cd.getVersion(), cd.getSequence(), cd.getEndorsementPlugin(), cd.getValidationPlugin()));
        }
        return 0;
    }

    private static String definition(String version, long sequence, String endorsement, String validation) {
        return "Version: " + version + ", Sequence: " + sequence + ", Endorsement Plugin: " + endorsement
                + ", Validation Plugin: " + validation;
    }
}
