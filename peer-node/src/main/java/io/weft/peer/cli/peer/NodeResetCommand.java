package io.weft.peer.cli.peer;

import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerMaintenance;
import io.weft.ledger.LedgerProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node reset}: every channel back to its genesis block; the peer must be stopped. */
@Command(
        name = "reset",
        description = "Resets all channels to the genesis block. The peer must be offline.",
        mixinStandardHelpOptions = true)
final class NodeResetCommand extends PeerSubcommand {
    @Mixin
    NodeLedgers ledgers;

    @Override
    int execute() {
        LedgerConfig config = ledgers.config(spec);
        log("Resetting all channel ledgers to genesis block");
        log("Ledger data folder from config = [" + config.fileSystemPath() + "]");
        try {
            LedgerMaintenance maintenance = LedgerMaintenance.of(config);
            for (String channel : channels(config)) {
                maintenance.reset(channel);
            }
        } catch (LedgerException e) {
            throw new PeerCliException(e.getMessage(), e);
        }
        log("All channel ledgers have been successfully reset to the genesis block");
        return 0;
    }

    /** The channels with a ledger (opening the provider also proves that no peer holds the ledgers). */
    static List<String> channels(LedgerConfig config) {
        try (LedgerProvider provider = LedgerProvider.open(config)) {
            return provider.channels();
        }
    }
}
