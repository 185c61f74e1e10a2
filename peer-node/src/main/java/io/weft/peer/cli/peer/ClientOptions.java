package io.weft.peer.cli.peer;

import io.weft.msp.SigningIdentity;
import io.weft.peer.config.ConfigException;
import io.weft.peer.config.Environment;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --config}: the core.yaml to read instead of {@code $FABRIC_CFG_PATH/core.yaml}. */
final class ClientOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "core.yaml to read (default: $FABRIC_CFG_PATH/core.yaml when present; CORE_* variables"
                    + " override it)")
    Path configFile;

    private ClientConfig config;

    ClientConfig config(CommandSpec spec) {
        if (config == null) {
            try {
                config = ClientConfig.load(configFile, Environment.system());
            } catch (ConfigException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        return config;
    }

    SigningIdentity signer(CommandSpec spec) {
        try {
            return config(spec).signer();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
