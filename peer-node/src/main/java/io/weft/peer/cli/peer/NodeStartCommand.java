package io.weft.peer.cli.peer;

import io.weft.peer.config.Environment;
import io.weft.peer.config.PeerConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peer node start [--peer-chaincodedev]}: runs the peer daemon. */
@Command(name = "start", description = "Starts the node.", mixinStandardHelpOptions = true)
final class NodeStartCommand extends PeerSubcommand {
    @Option(names = "--peer-chaincodedev", description = "start peer in chaincode development mode")
    boolean chaincodeDevMode;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "core.yaml to read (default: $FABRIC_CFG_PATH/core.yaml)")
    Path configFile;

    @Override
    int execute() {
        Map<String, String> env = Environment.system();
        Path file = configFile != null ? configFile : PeerConfig.configFile(env);
        return NodeStart.run(spec, env, file, chaincodeDevMode);
    }
}
