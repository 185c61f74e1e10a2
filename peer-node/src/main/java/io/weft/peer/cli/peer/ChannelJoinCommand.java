package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer channel join -b FILE}: a channel-less CONFIG proposal to cscc JoinChain with the block's bytes. */
@Command(name = "join", description = "Joins the peer to a channel.", mixinStandardHelpOptions = true)
final class ChannelJoinCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Option(
            names = {"-b", "--blockpath"},
            paramLabel = "FILE",
            description = "Path to file containing genesis block")
    Path blockPath;

    @Override
    int execute() {
        if (blockPath == null) {
            throw usage("Must supply genesis block path");
        }
        byte[] block;
        try {
            block = Files.readAllBytes(blockPath);
        } catch (IOException e) {
            throw usage("genesis block file not found: cannot read " + blockPath + " (" + e.getMessage() + ")");
        }
        ProposalResponse response = peer.call(
                spec,
                HeaderType.CONFIG,
                "",
                "cscc",
                ChaincodeSpec.Type.GOLANG,
                PeerCall.args("JoinChain", ByteString.copyFrom(block)));
        int status = response.getResponse().getStatus();
        if (status != 0 && status != 200) {
            throw new PeerCliException("proposal failed (err: bad proposal response " + status + ": "
                    + response.getResponse().getMessage() + ")");
        }
        log("Successfully submitted proposal to join channel");
        return 0;
    }
}
