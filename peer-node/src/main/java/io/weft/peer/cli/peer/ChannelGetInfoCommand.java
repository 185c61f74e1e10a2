package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer channel getinfo -c CHANNEL}: qscc GetChainInfo; prints {@code Blockchain info: {json}} as Fabric does. */
@Command(
        name = "getinfo",
        description = "get blockchain information of a specified channel.",
        mixinStandardHelpOptions = true)
final class ChannelGetInfoCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-c", "--channelID"},
            paramLabel = "CHANNEL",
            description = "The channel to query")
    String channelId = "";

    @Override
    int execute() throws InvalidProtocolBufferException {
        if (channelId.isBlank()) {
            throw usage("Must supply channel ID");
        }
        ProposalResponse response = peer.call(
                spec,
                HeaderType.ENDORSER_TRANSACTION,
                "",
                "qscc",
                ChaincodeSpec.Type.GOLANG,
                PeerCall.args("GetChainInfo", channelId));
        if (response.getResponse().getStatus() != 200) {
            throw new PeerCliException(
                    "received bad response, status " + response.getResponse().getStatus() + ": "
                            + response.getResponse().getMessage());
        }
        BlockchainInfo info = BlockchainInfo.parseFrom(response.getResponse().getPayload());
        println("Blockchain info: " + GoJson.compact(info));
        return 0;
    }
}
