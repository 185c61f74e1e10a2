package io.weft.peer.cli.peer;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peer node start}: hands over to the daemon's composition root. */
public final class NodeStart {
    private NodeStart() {}

    static int run(CommandSpec spec, Map<String, String> env, Path configFile, boolean chaincodeDevMode) {
        try {
            return io.weft.peer.node.PeerDaemon.run(env, configFile, chaincodeDevMode);
        } catch (io.weft.peer.config.ConfigException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
