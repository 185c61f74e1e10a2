package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;

/** {@code peer node}: the daemon and the offline ledger commands (which need the peer stopped). */
@Command(
        name = "node",
        description = "Operate a peer node: start|reset|rollback|rebuild-dbs|unjoin.",
        mixinStandardHelpOptions = true,
        subcommands = {
            NodeStartCommand.class,
            NodeResetCommand.class,
            NodeRollbackCommand.class,
            NodeRebuildDbsCommand.class,
            NodeUnjoinCommand.class
        })
final class NodeCommand extends PeerCommand.Group {}
