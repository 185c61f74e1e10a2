package io.weft.peer.cli;

import io.weft.msp.CryptoConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cryptogen showtemplate}: prints a commented sample crypto-config.yaml. */
@Command(
        name = "showtemplate",
        description = "Prints a commented sample crypto-config.yaml (what generate uses without --config).",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class)
final class CryptogenShowTemplateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(CryptoConfig.sampleYaml());
        spec.commandLine().getOut().flush();
    }
}
