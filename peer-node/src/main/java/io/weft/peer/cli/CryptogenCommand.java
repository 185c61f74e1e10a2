package io.weft.peer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cryptogen}: Fabric-compatible generation of crypto material for test and development networks. */
@Command(
        name = "cryptogen",
        description = "Generates Hyperledger Fabric key material (CAs, MSP folders, TLS key pairs).",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        subcommands = {
            CryptogenGenerateCommand.class,
            CryptogenShowTemplateCommand.class,
            CryptogenVersionCommand.class,
            HelpCommand.class
        })
final class CryptogenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: generate, showtemplate, version or help");
    }
}
