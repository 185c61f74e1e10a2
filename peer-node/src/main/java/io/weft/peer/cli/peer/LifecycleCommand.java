package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;

/** {@code peer lifecycle}: the v2 chaincode lifecycle. */
@Command(
        name = "lifecycle",
        description = "Perform _lifecycle operations",
        mixinStandardHelpOptions = true,
        subcommands = {LifecycleCommand.Chaincode.class})
final class LifecycleCommand extends PeerCommand.Group {
    /** {@code peer lifecycle chaincode}. */
    @Command(
            name = "chaincode",
            description = "Perform chaincode operations: package|install|queryinstalled|calculatepackageid|"
                    + "approveformyorg|checkcommitreadiness|commit|querycommitted",
            mixinStandardHelpOptions = true,
            subcommands = {
                PackageCommand.class,
                CalculatePackageIdCommand.class,
                InstallCommand.class,
                QueryInstalledCommand.class,
                ApproveForMyOrgCommand.class,
                CheckCommitReadinessCommand.class,
                CommitCommand.class,
                QueryCommittedCommand.class
            })
    static final class Chaincode extends PeerCommand.Group {}
}
