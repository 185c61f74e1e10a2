package io.weft.peer.cli.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.SigningIdentity;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code peer lifecycle chaincode install FILE}: a channel-less {@code _lifecycle InstallChaincode} proposal to
 * {@code CORE_PEER_ADDRESS} or to each {@code --peerAddresses} (Fabric takes one peer; Weft installs on each given).
 */
@Command(name = "install", description = "Install a chaincode.", mixinStandardHelpOptions = true)
final class InstallCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Parameters(index = "0", arity = "0..1", paramLabel = "packageFile", description = "The chaincode package")
    Path packageFile;

    @Override
    int execute() throws InvalidProtocolBufferException {
        if (packageFile == null) {
            throw usage("chaincode install package must be provided");
        }
        byte[] bytes = CalculatePackageIdCommand.readPackage(this, packageFile);
        SigningIdentity signer = peer.client.signer(spec);
        List<Endpoint> peers = peer.targets.endpoints(spec, peer.client.config(spec), Integer.MAX_VALUE);
        InstallChaincodeArgs args = InstallChaincodeArgs.newBuilder()
                .setChaincodeInstallPackage(ByteString.copyFrom(bytes))
                .build();
        String packageId = null;
        try (Connections connections = new Connections()) {
            for (Endpoint endpoint : peers) {
                Proposals.Signed proposal = Proposals.create(
                        signer,
                        HeaderType.ENDORSER_TRANSACTION,
                        "",
                        "_lifecycle",
                        ChaincodeSpec.Type.UNDEFINED,
                        PeerCall.args("InstallChaincode", args.toByteString()));
                ProposalResponse response = Proposals.endorse(connections, endpoint, proposal.signedProposal());
                if (response.getResponse().getStatus() != 200) {
                    throw new PeerCliException("chaincode install failed with status: "
                            + response.getResponse().getStatus() + " - "
                            + response.getResponse().getMessage()
                            + (peers.size() > 1 ? " (at " + endpoint.describe() + ")" : ""));
                }
                InstallChaincodeResult result =
                        InstallChaincodeResult.parseFrom(response.getResponse().getPayload());
                packageId = result.getPackageId();
            }
        }
        log("Chaincode code package identifier: " + packageId);
        return 0;
    }
}
