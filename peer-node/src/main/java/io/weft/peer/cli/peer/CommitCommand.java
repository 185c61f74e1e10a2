package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code peer lifecycle chaincode commit -C -n -v --sequence --peerAddresses ... -o orderer}: endorses
 * {@code CommitChaincodeDefinition} on one peer per org (enough to satisfy the LifecycleEndorsement policy), submits it
 * and (by default) waits for the commit on those peers.
 */
@Command(name = "commit", description = "Commit the chaincode definition on the channel.")
final class CommitCommand extends PeerSubcommand {
    @Mixin
    PeerCall peer;

    @Mixin
    DefinitionOptions definition;

    @Mixin
    WaitOptions waiting;

    @Override
    int execute() throws InterruptedException {
        definition.validate(spec);
        return LifecycleTransaction.run(
                this,
                peer,
                definition.channelId,
                "CommitChaincodeDefinition",
                definition.commitArgs(spec).toByteString(),
                waiting);
    }
}
