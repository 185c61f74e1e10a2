package io.weft.peer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cryptogen version}: prints version information in the layout of Fabric's tool. */
@Command(
        name = "version",
        description = "Prints version information.",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class)
final class CryptogenVersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(WeftVersion.describe("cryptogen"));
    }
}
