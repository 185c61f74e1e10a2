package io.weft.peer.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.msp.ConfigtxProfile;
import io.weft.msp.ConfigtxYaml;
import io.weft.msp.GenesisBlockFactory;
import io.weft.msp.MspException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code configtxgen}: Fabric's channel artifact tool with Fabric's single-dash flags. {@code -outputBlock} writes an
 * application channel's genesis block from a {@code configtx.yaml} profile; {@code -inspectBlock} prints a block as
 * configtxlator-style JSON; {@code -printOrg} prints an organization's config group as JSON (what an org-add config
 * update needs). {@code configtx.yaml} is looked for in {@code -configPath}, else {@code $FABRIC_CFG_PATH}, else the
 * current folder.
 */
@Command(
        name = "configtxgen",
        description = "Generates and inspects Hyperledger Fabric channel configuration artifacts.",
        sortOptions = false)
final class ConfigtxgenCommand implements Callable<Integer> {
    private static final String CONFIG_PATH_ENV = "FABRIC_CFG_PATH";

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-profile", "--profile"},
            paramLabel = "NAME",
            description = "The profile from configtx.yaml to use for generation.")
    String profile;

    @Option(
            names = {"-channelID", "--channelID"},
            paramLabel = "ID",
            description = "The channel ID to use in the configtx.")
    String channelId;

    @Option(
            names = {"-outputBlock", "--outputBlock"},
            paramLabel = "FILE",
            description = "The path to write the genesis block to.")
    Path outputBlock;

    @Option(
            names = {"-configPath", "--configPath"},
            paramLabel = "DIR",
            description = "The folder holding configtx.yaml (default: $FABRIC_CFG_PATH, else the current folder).")
    Path configPath;

    @Option(
            names = {"-inspectBlock", "--inspectBlock"},
            paramLabel = "FILE",
            description = "Prints the block at the given path as JSON.")
    Path inspectBlock;

    @Option(
            names = {"-printOrg", "--printOrg"},
            paramLabel = "NAME",
            description = "Prints the definition of an organization (Organizations entry by Name) as JSON.")
    String printOrg;

    @Option(
            names = {"-version", "--version"},
            description = "Shows version information.")
    boolean version;

    @Option(
            names = {"-h", "-help", "--help"},
            usageHelp = true,
            description = "Shows this help.")
    boolean help;

    @Override
    public Integer call() {
        if (version) {
            spec.commandLine().getOut().println(WeftVersion.describe("configtxgen"));
            return 0;
        }
        if (outputBlock != null && (channelId == null || channelId.isEmpty())) {
            throw usage("missing channel ID; give it with -channelID");
        }
        if (outputBlock == null && inspectBlock == null && printOrg == null) {
            throw usage("nothing to do; give -outputBlock, -inspectBlock or -printOrg");
        }
        if (outputBlock != null) {
            writeGenesisBlock();
        }
        if (inspectBlock != null) {
            spec.commandLine().getOut().println(ConfigJson.block(readBlock(inspectBlock)));
        }
        if (printOrg != null) {
            ConfigGroup group;
            try {
                group = GenesisBlockFactory.organizationGroup(loadConfig().organization(printOrg));
            } catch (MspException e) {
                throw usage(e.getMessage());
            }
            spec.commandLine().getOut().println(ConfigJson.group(group));
        }
        return 0;
    }

    private void writeGenesisBlock() {
        if (profile == null || profile.isEmpty()) {
            throw usage("-profile is required with -outputBlock");
        }
        Block block;
        try {
            ConfigtxProfile config = loadConfig().profile(profile);
            block = new GenesisBlockFactory(new SecureRandom(), Clock.systemUTC()).genesisBlock(channelId, config);
        } catch (MspException e) {
            throw usage(e.getMessage());
        }
        try {
            Path parent = outputBlock.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(outputBlock, block.toByteArray());
            restrictPermissions(outputBlock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the genesis block to " + outputBlock + ": " + e, e);
        }
    }

    private ConfigtxYaml loadConfig() {
        Path dir = configPath;
        if (dir == null) {
            String env = System.getenv(CONFIG_PATH_ENV);
            dir = Path.of(env == null || env.isEmpty() ? "." : env);
        }
        Path file = dir.resolve(ConfigtxYaml.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw usage("could not find " + ConfigtxYaml.FILE_NAME + " in " + dir
                    + "; set FABRIC_CFG_PATH or -configPath to the folder that holds it");
        }
        return ConfigtxYaml.load(file);
    }

    private static Block readBlock(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("could not read block " + file + ": it does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read block " + file + ": " + e, e);
        }
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + " is not a block: " + e.getMessage(), e);
        }
    }

    /** Fabric writes the block with mode 0640; where the file system has POSIX permissions, so does Weft. */
    private static void restrictPermissions(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
