package io.weft.peer.cli.peer;

import io.weft.ledger.LedgerConfig;
import io.weft.peer.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The peer's ledgers for the offline node commands: {@code peer.fileSystemPath} from core.yaml or the environment. */
final class NodeLedgers {
    @Mixin
    ClientOptions client;

    LedgerConfig config(CommandSpec spec) {
        Path fileSystemPath;
        try {
            fileSystemPath = client.config(spec).fileSystemPath();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        LedgerConfig config = LedgerConfig.defaults(fileSystemPath);
        if (!Files.isDirectory(config.ledgersData())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no ledgers in " + config.ledgersData() + ": is peer.fileSystemPath (CORE_PEER_FILESYSTEMPATH)"
                            + " the peer's?");
        }
        return config;
    }
}
