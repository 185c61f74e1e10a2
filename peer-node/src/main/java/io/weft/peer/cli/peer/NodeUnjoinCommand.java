package io.weft.peer.cli.peer;

import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer node unjoin -c CHANNEL}: removes a channel's ledger; the peer must be stopped. */
@Command(
        name = "unjoin",
        description = "Unjoin the peer from a channel. The peer must be offline.",
        mixinStandardHelpOptions = true)
final class NodeUnjoinCommand extends PeerSubcommand {
    @Mixin
    NodeLedgers ledgers;

    @Option(
            names = {"-c", "--channelID"},
            paramLabel = "CHANNEL",
            description = "Channel to unjoin.")
    String channelId = "";

    @Override
    int execute() {
        if (channelId.isBlank()) {
            throw usage("Must supply channel ID");
        }
        LedgerConfig config = ledgers.config(spec);
        try (LedgerProvider provider = LedgerProvider.open(config)) {
            if (!provider.channels().contains(channelId)) {
                throw new PeerCliException(
                        "unjoin channel [" + channelId + "]: ledger [" + channelId + "] does not exist");
            }
            provider.remove(channelId);
        } catch (LedgerException e) {
            throw new PeerCliException(e.getMessage(), e);
        }
        return 0;
    }
}
