package io.weft.peer.cli.peer;

import java.util.Locale;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peer version} and {@code --version}: Fabric's version block, with the Java runtime where Fabric names Go.
 * (The same shape as the other tools' {@code WeftVersion.describe}.)
 */
final class PeerVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    static String version() {
        String version = PeerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    static String describe() {
        return "peer:\n"
                + " Version: " + version() + "\n"
                + " Java version: " + Runtime.version() + "\n"
                + " OS/Arch: " + System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/"
                + System.getProperty("os.arch");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"peer (Weft) " + version()};
    }

    @picocli.CommandLine.Command(
            name = "version",
            description = "Print the peer's version.",
            mixinStandardHelpOptions = true)
    static final class Command extends PeerSubcommand {
        @Override
        int execute() {
            println(describe());
            return 0;
        }
    }
}
