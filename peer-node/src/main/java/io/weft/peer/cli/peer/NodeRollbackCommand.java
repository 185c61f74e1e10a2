package io.weft.peer.cli.peer;

import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer node rollback -c CHANNEL -b BLOCK}: truncates one channel; the peer must be stopped. */
@Command(
        name = "rollback",
        description = "Rolls back a channel to a block. The peer must be offline.",
        mixinStandardHelpOptions = true)
final class NodeRollbackCommand extends PeerSubcommand {
    @Mixin
    NodeLedgers ledgers;

    @Option(
            names = {"-c", "--channelID"},
            paramLabel = "CHANNEL",
            description = "Channel to rollback.")
    String channelId = "";

    @Option(
            names = {"-b", "--blockNumber"},
            paramLabel = "N",
            description = "Block number to which the channel needs to be rolled back to.")
    long blockNumber;

    @Override
    int execute() {
        if (channelId.isBlank()) {
            throw usage("Must supply channel ID");
        }
        if (blockNumber < 0) {
            throw usage("--blockNumber must not be negative, got " + blockNumber);
        }
        LedgerConfig config = ledgers.config(spec);
        try {
            if (!NodeResetCommand.channels(config).contains(channelId)) {
                throw new PeerCliException("ledgerID [" + channelId + "] does not exist in " + config.ledgersData());
            }
            LedgerMaintenance.of(config).rollback(channelId, blockNumber);
        } catch (LedgerException e) {
            throw new PeerCliException(e.getMessage(), e);
        }
        log("The channel [" + channelId + "] has been successfully rolled back to the block number [" + blockNumber
                + "]");
        return 0;
    }
}
