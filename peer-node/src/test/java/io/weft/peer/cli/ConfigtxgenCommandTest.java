package io.weft.peer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.msp.ChannelConfig;
import io.weft.msp.CryptoProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** configtxgen end to end through {@link WeftMain}: the repository's sample config over generated crypto material. */
class ConfigtxgenCommandTest {
    @TempDir
    static Path root;

    static Path configDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void generateCryptoMaterialAndCopyTheSampleConfig() throws Exception {
        Path repoConfig = Path.of("..", "config");
        configDir = root.resolve("config");
        Files.createDirectories(configDir);
        Files.copy(repoConfig.resolve("configtx.yaml"), configDir.resolve("configtx.yaml"));
        int exit = WeftMain.run(
                new String[] {
                    "cryptogen",
                    "generate",
                    "--config",
                    repoConfig.resolve("crypto-config.yaml").toString(),
                    "--output",
                    root.resolve("organizations").toString()
                },
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertThat(exit).isZero();
    }

    private int run(String... args) {
        return WeftMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void outputBlockWritesAGenesisBlockThatParsesAsChannelConfig() throws Exception {
        Path blockFile = root.resolve("artifacts/mychannel.block");

        int exit = run(
                "configtxgen",
                "-profile",
                "ChannelUsingRaft",
                "-channelID",
                "mychannel",
                "-outputBlock",
                blockFile.toString(),
                "-configPath",
                configDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        Block block = Block.parseFrom(Files.readAllBytes(blockFile));
        ChannelConfig config = ChannelConfig.fromBlock(block, CryptoProvider.detect());
        assertThat(config.channelId()).isEqualTo("mychannel");
        assertThat(config.applicationOrgs()).containsOnlyKeys("Org1MSP", "Org2MSP");
    }

    @Test
    void inspectBlockPrintsTheDecodedConfigTreeAsJson() throws Exception {
        Path blockFile = root.resolve("inspect.block");
        assertThat(run(
                        "configtxgen",
                        "-profile=ChannelUsingRaft",
                        "-channelID=mychannel",
                        "-outputBlock=" + blockFile,
                        "-configPath=" + configDir))
                .isZero();

        int exit = run("configtxgen", "-inspectBlock", blockFile.toString());

        assertThat(exit).as(err.toString()).isZero();
        String json = out.toString();
        assertThat(json)
                .contains("\"Org1MSP\"")
                .contains("\"channel_id\": \"mychannel\"")
                .contains("\"type\": \"etcdraft\"")
                .contains("\"max_message_count\": 10")
                .contains("\"timeout\": \"2s\"")
                .contains("\"rule\": \"MAJORITY\"")
                .contains("\"sub_policy\": \"Endorsement\"")
                .contains("\"role\": \"PEER\"")
                .contains("\"name\": \"OrdererMSP\"")
                .contains("\"policy_ref\": \"/Channel/Application/Writers\"")
                .contains("\"host\": \"127.0.0.1\"");
    }

    @Test
    void printOrgPrintsTheApplicationOrgGroup() {
        int exit = run("configtxgen", "-printOrg", "Org1MSP", "-configPath", configDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("\"MSP\"")
                .contains("\"AnchorPeers\"")
                .contains("\"name\": \"Org1MSP\"")
                .contains("\"mod_policy\": \"Admins\"");
    }

    @Test
    void versionPrintsFabricsVersionBlock() {
        assertThat(run("configtxgen", "-version")).isZero();
        assertThat(out.toString()).startsWith("configtxgen:\n Version: ");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertThat(run("configtxgen", "-bogus")).isEqualTo(2);
        assertThat(err.toString()).startsWith("configtxgen: ").contains("-bogus");
    }

    @Test
    void outputBlockWithoutChannelIdIsAUsageError() {
        int exit = run("configtxgen", "-profile", "ChannelUsingRaft", "-outputBlock", "x.block");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("-channelID");
    }

    @Test
    void unknownProfileIsAConfigErrorNamingTheProfile() {
        int exit = run(
                "configtxgen",
                "-profile",
                "TwoOrgsApplicationGenesis",
                "-channelID",
                "mychannel",
                "-outputBlock",
                root.resolve("never.block").toString(),
                "-configPath",
                configDir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("no profile 'TwoOrgsApplicationGenesis'")
                .contains("ChannelUsingRaft");
        assertThat(root.resolve("never.block")).doesNotExist();
    }

    @Test
    void missingConfigtxYamlIsAConfigError() {
        int exit = run(
                "configtxgen",
                "-profile",
                "ChannelUsingRaft",
                "-channelID",
                "mychannel",
                "-outputBlock",
                "x.block",
                "-configPath",
                root.resolve("nowhere").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("could not find configtx.yaml");
    }

    @Test
    void inspectingAMissingFileIsARuntimeFailure() {
        assertThat(run(
                        "configtxgen",
                        "-inspectBlock",
                        root.resolve("missing.block").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void nothingToDoIsAUsageError() {
        assertThat(run("configtxgen")).isEqualTo(2);
    }
}
