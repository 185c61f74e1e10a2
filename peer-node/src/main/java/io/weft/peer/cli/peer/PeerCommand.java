package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code peer}: Fabric's peer CLI with its command names and flags. The client identity comes from
 * {@code CORE_PEER_LOCALMSPID} / {@code CORE_PEER_MSPCONFIGPATH}, the target peer from {@code CORE_PEER_ADDRESS} and
 * {@code CORE_PEER_TLS_*} (over {@code $FABRIC_CFG_PATH/core.yaml} when present), as on Fabric. What Fabric prints goes
 * to stdout, what it logs to stderr; errors are one {@code Error: ...} line with exit 1, or exit 2 for bad flags and
 * configuration.
 */
@Command(
        name = "peer",
        description = "Weft's peer: Fabric's peer command (node, channel, lifecycle, chaincode, version).",
        mixinStandardHelpOptions = true,
        versionProvider = PeerVersion.class,
        subcommands = {
            NodeCommand.class,
            ChannelCommand.class,
            LifecycleCommand.class,
            ChaincodeCommand.class,
            PeerVersion.Command.class,
            HelpCommand.class
        })
public final class PeerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "missing command: node, channel, lifecycle, chaincode, version or help");
    }

    /** A command that only groups subcommands. */
    abstract static class Group implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(
                    spec.commandLine(),
                    "missing command: " + String.join(", ", spec.subcommands().keySet()));
        }
    }
}
