package io.weft.peer.cli;

import java.util.Locale;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code --version} prints: the tool, Weft's version from the jar manifest, and the Java runtime. */
final class WeftVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    /** The Implementation-Version of the jar, or {@code development} when run from classes. */
    static String version() {
        String version = WeftVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** Fabric's {@code <tool> version} block, with the Java runtime where Fabric names Go. */
    static String describe(String tool) {
        return tool + ":\n"
                + " Version: " + version() + "\n"
                + " Java version: " + Runtime.version() + "\n"
                + " OS/Arch: " + System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/"
                + System.getProperty("os.arch");
    }

    @Override
    public String[] getVersion() {
        return new String[] {spec.root().name() + " (Weft) " + version()};
    }
}
