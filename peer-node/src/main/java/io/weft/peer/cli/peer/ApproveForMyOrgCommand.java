package io.weft.peer.cli.peer;

import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code peer lifecycle chaincode approveformyorg -C -n -v --sequence [--package-id] ... -o orderer}: endorses
 * {@code ApproveChaincodeDefinitionForMyOrg} on the org's peer(s), submits it to the orderer and (by default, as on
 * Fabric) waits until the peers commit it.
 */
@Command(name = "approveformyorg", description = "Approve the chaincode definition for my organization.")
final class ApproveForMyOrgCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Mixin
    DefinitionOptions definition;

    @Mixin
    WaitOptions waiting;

    @Option(names = "--package-id", paramLabel = "ID", description = "The identifier of the chaincode install package")
    String packageId = "";

    @Override
    int execute() throws InterruptedException {
        definition.validate(spec);
        ChaincodeSource source = packageId.isBlank()
                ? ChaincodeSource.newBuilder()
                        .setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance())
                        .build()
                : ChaincodeSource.newBuilder()
                        .setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId))
                        .build();
        ApproveChaincodeDefinitionForMyOrgArgs args = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setSequence(definition.sequence)
                .setName(definition.name)
                .setVersion(definition.version)
                .setEndorsementPlugin(definition.endorsementPlugin)
                .setValidationPlugin(definition.validationPlugin)
                .setValidationParameter(definition.validationParameter(spec))
                .setInitRequired(definition.initRequired)
                .setSource(source)
                .build();
        return LifecycleTransaction.run(
                this, peer, definition.channelId, "ApproveChaincodeDefinitionForMyOrg", args.toByteString(), waiting);
    }
}
