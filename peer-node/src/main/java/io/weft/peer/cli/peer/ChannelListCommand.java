package io.weft.peer.cli.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel list}: cscc GetChannels; prints Fabric's {@code Channels peers has joined: } and one id a line. */
@Command(name = "list", description = "List of channels peer has joined.", mixinStandardHelpOptions = true)
final class ChannelListCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Override
    int execute() throws InvalidProtocolBufferException {
        ProposalResponse response = peer.call(
                spec,
                HeaderType.ENDORSER_TRANSACTION,
                "",
                "cscc",
                ChaincodeSpec.Type.GOLANG,
                PeerCall.args("GetChannels"));
        if (response.getResponse().getStatus() != 200) {
            throw new PeerCliException(
                    "Received bad response, status " + response.getResponse().getStatus() + ": "
                            + response.getResponse().getMessage());
        }
        ChannelQueryResponse channels =
                ChannelQueryResponse.parseFrom(response.getResponse().getPayload());
        println("Channels peers has joined: ");
        for (ChannelInfo channel : channels.getChannelsList()) {
            println(channel.getChannelId());
        }
        return 0;
    }
}
