package io.weft.msp;

import io.weft.msp.internal.configtx.ConfigtxParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Fabric's {@code configtx.yaml}: organizations, capabilities, the application, orderer and channel sections, and the
 * profiles built from them with YAML anchors and {@code <<} merge keys. Relative paths ({@code MSPDir}, consenter TLS
 * certificates) are relative to the folder of the file, as on Fabric.
 */
public final class ConfigtxYaml {
    /** The file name Fabric's configtxgen looks for in {@code -configPath} / {@code FABRIC_CFG_PATH}. */
    public static final String FILE_NAME = "configtx.yaml";

    private final ConfigtxParser parser;

    private ConfigtxYaml(ConfigtxParser parser) {
        this.parser = parser;
    }

    /**
     * Parses text.
     *
     * @param baseDir the folder relative paths are resolved against
     * @param source where the text came from, for messages
     * @throws MspException when the text is not YAML or has unknown top-level keys
     */
    public static ConfigtxYaml parse(String yaml, Path baseDir, String source) {
        return new ConfigtxYaml(ConfigtxParser.load(yaml, baseDir, source));
    }

    /**
     * Reads a file; relative paths in it are resolved against its folder.
     *
     * @throws MspException when the file is missing, unreadable or not a configtx.yaml
     */
    public static ConfigtxYaml load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MspException("configtx " + file + " does not exist", e);
        } catch (IOException e) {
            throw new MspException("cannot read configtx " + file + ": " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir, file.toString());
    }

    /** The names under {@code Profiles}, sorted. */
    public Set<String> profileNames() {
        return parser.profileNames();
    }

    /**
     * One profile, validated, with Fabric's defaults.
     *
     * @throws MspException naming the profile and the key that is missing or wrong
     */
    public ConfigtxProfile profile(String name) {
        return parser.profile(name);
    }

    /**
     * An entry of the top-level {@code Organizations} by {@code Name} (what {@code configtxgen -printOrg} prints).
     *
     * @throws MspException when there is no such organization or it is wrong
     */
    public ConfigtxProfile.Organization organization(String name) {
        return parser.organization(name);
    }
}
