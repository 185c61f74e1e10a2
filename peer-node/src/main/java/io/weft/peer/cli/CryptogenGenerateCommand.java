package io.weft.peer.cli;

import io.weft.msp.CryptoConfig;
import io.weft.msp.CryptoMaterialGenerator;
import io.weft.msp.CryptoProvider;
import io.weft.msp.MspException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cryptogen generate [--config FILE] [--output DIR]}: writes every org of the config under the output folder.
 * Without {@code --config} it generates the network of {@code cryptogen showtemplate}, as Fabric's tool does. Like
 * Fabric's, it prints the domain of each peer org it generates.
 */
@Command(
        name = "generate",
        description = "Generates key material for every organization of a crypto config.",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class)
final class CryptogenGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The crypto-config.yaml to use (default: the sample that showtemplate prints).")
    Path config;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            defaultValue = "crypto-config",
            description = "The folder to write the material to (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() {
        CryptoConfig cryptoConfig;
        try {
            cryptoConfig = config == null ? CryptoConfig.sample() : CryptoConfig.load(config);
        } catch (MspException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        new CryptoMaterialGenerator(CryptoProvider.detect(), Clock.systemUTC()).generate(cryptoConfig, output);
        for (CryptoConfig.Org org : cryptoConfig.peerOrgs()) {
            spec.commandLine().getOut().println(org.domain());
        }
        return 0;
    }
}
