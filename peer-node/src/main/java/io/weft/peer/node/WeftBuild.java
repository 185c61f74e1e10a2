package io.weft.peer.node;

/** Facts about this build of Weft. */
public final class WeftBuild {
    private WeftBuild() {}

    /** The Implementation-Version of the jar, or {@code development} when run from classes. */
    public static String version() {
        String version = WeftBuild.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
