package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer lifecycle chaincode queryinstalled [-O json]}: the packages installed on the peer. */
@Command(
        name = "queryinstalled",
        description = "Query the installed chaincodes on a peer.",
        mixinStandardHelpOptions = true)
final class QueryInstalledCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-O", "--output"},
            paramLabel = "FORMAT",
            description = "The output format for query results. Default is human-readable plain-text; json is the"
                    + " only other format.")
    String output = "";

    @Override
    int execute() throws InvalidProtocolBufferException {
        ProposalResponse response = peer.call(
                spec,
                HeaderType.ENDORSER_TRANSACTION,
                "",
                "_lifecycle",
                ChaincodeSpec.Type.UNDEFINED,
                PeerCall.args(
                        "QueryInstalledChaincodes",
                        QueryInstalledChaincodesArgs.getDefaultInstance().toByteString()));
        LifecycleQuery.check(response);
        QueryInstalledChaincodesResult result =
                QueryInstalledChaincodesResult.parseFrom(response.getResponse().getPayload());
        if (output.toLowerCase(Locale.ROOT).equals("json")) {
            println(GoJson.indented(result));
            return 0;
        }
        println("Installed chaincodes on peer:");
        for (QueryInstalledChaincodesResult.InstalledChaincode chaincode : result.getInstalledChaincodesList()) {
            println("Package ID: " + chaincode.getPackageId() + ", Label: " + chaincode.getLabel());
        }
        return 0;
    }
}
