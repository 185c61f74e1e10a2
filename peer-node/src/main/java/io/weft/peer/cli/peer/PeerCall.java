package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import io.weft.msp.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** The options and the proposal round trip shared by commands that ask one peer's system chaincodes. */
final class PeerCall {
    @Mixin
    ClientOptions client;

    @Mixin
    PeerTargets targets;

    @Mixin
    OrdererOptions orderer;

    /** Arguments as the CLI sends them: the function name, then string or raw byte arguments. */
    static List<ByteString> args(String function, Object... rest) {
        List<ByteString> args = new ArrayList<>();
        args.add(ByteString.copyFromUtf8(function));
        for (Object arg : rest) {
            args.add(
                    arg instanceof ByteString bytes
                            ? bytes
                            : ByteString.copyFrom(String.valueOf(arg).getBytes(StandardCharsets.UTF_8)));
        }
        return args;
    }

    /** Signs and sends a proposal to the one target peer; returns its answer. */
    ProposalResponse call(
            CommandSpec spec,
            HeaderType type,
            String channelId,
            String chaincode,
            ChaincodeSpec.Type specType,
            List<ByteString> args) {
        SigningIdentity signer = client.signer(spec);
        Endpoint peer = targets.endpoints(spec, client.config(spec), 1).get(0);
        Proposals.Signed proposal = Proposals.create(signer, type, channelId, chaincode, specType, args);
        try (Connections connections = new Connections()) {
            return Proposals.endorse(connections, peer, proposal.signedProposal());
        }
    }
}
