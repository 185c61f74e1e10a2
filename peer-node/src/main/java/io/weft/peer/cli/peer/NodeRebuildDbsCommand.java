package io.weft.peer.cli.peer;

import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer node rebuild-dbs}: rebuilds state, history and indexes of every channel from its blocks. */
@Command(
        name = "rebuild-dbs",
        description = "Rebuilds the state, history and index databases of all channels. The peer must be offline.",
        mixinStandardHelpOptions = true)
final class NodeRebuildDbsCommand extends PeerSubcommand {
    @Mixin
    NodeLedgers ledgers;

    @Override
    int execute() {
        LedgerConfig config = ledgers.config(spec);
        try {
            LedgerMaintenance maintenance = LedgerMaintenance.of(config);
            for (String channel : NodeResetCommand.channels(config)) {
                maintenance.rebuild(channel);
                log("Rebuilt the databases of channel [" + channel + "]");
            }
        } catch (LedgerException e) {
            throw new PeerCliException(e.getMessage(), e);
        }
        return 0;
    }
}
