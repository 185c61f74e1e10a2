package io.weft.peer.cli.peer;

import picocli.CommandLine.Command;

/** {@code peer channel}: join|list|getinfo|fetch. */
@Command(
        name = "channel",
        description = "Operate a channel: join|list|getinfo|fetch.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ChannelJoinCommand.class,
            ChannelListCommand.class,
            ChannelGetInfoCommand.class,
            ChannelFetchCommand.class
        })
final class ChannelCommand extends PeerCommand.Group {}
