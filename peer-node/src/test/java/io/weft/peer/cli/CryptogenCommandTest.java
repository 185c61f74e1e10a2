package io.weft.peer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptogenCommandTest {
    private static final String CONFIG =
            """
            OrdererOrgs:
              - Name: Orderer
                Domain: example.com
                EnableNodeOUs: true
                Specs:
                  - Hostname: orderer
            PeerOrgs:
              - Name: Org1
                Domain: org1.example.com
                EnableNodeOUs: true
                Template:
                  Count: 1
                Users:
                  Count: 1
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void generateWritesFabricsTreeAndExitsZero(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("crypto-config.yaml");
        Files.writeString(config, CONFIG);
        Path output = dir.resolve("out");

        int exit = WeftMain.run(
                new String[] {"cryptogen", "generate", "--config", config.toString(), "--output", output.toString()});

        assertThat(exit).isZero();
        Path org1 = output.resolve("peerOrganizations/org1.example.com");
        assertThat(org1.resolve("ca/ca.org1.example.com-cert.pem")).isRegularFile();
        assertThat(org1.resolve("peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"))
                .isRegularFile();
        assertThat(org1.resolve("users/Admin@org1.example.com/tls/client.key")).isRegularFile();
        assertThat(output.resolve("ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt"))
                .isRegularFile();
    }

    @Test
    void generatePrintsThePeerOrgDomainsAsFabricDoes(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("crypto-config.yaml");
        Files.writeString(config, CONFIG);

        int exit = run("cryptogen", "generate", "--config=" + config, "--output=" + dir.resolve("out"));

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("org1.example.com" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void unknownFlagIsAOneLineUsageError() {
        int exit = run("cryptogen", "generate", "--bogus");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("cryptogen generate: Unknown option: '--bogus' (see 'cryptogen generate --help')"
                        + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badConfigIsAOneLineUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("crypto-config.yaml");
        Files.writeString(config, "PeerOrgs:\n  - Name: Org1\n    Domian: org1.example.com\n");

        int exit = run(
                "cryptogen",
                "generate",
                "--config",
                config.toString(),
                "--output",
                dir.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("cryptogen generate: crypto config ")
                .contains("unknown key PeerOrgs[0].Domian"));
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingConfigFileIsAUsageError(@TempDir Path dir) {
        int exit = run(
                "cryptogen", "generate", "--config", dir.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("nope.yaml does not exist");
    }

    @Test
    void unwritableOutputIsARuntimeFailure(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("crypto-config.yaml");
        Files.writeString(config, CONFIG);
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a folder");

        int exit = run("cryptogen", "generate", "--config", config.toString(), "--output", blocker.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("cryptogen generate: cannot create");
    }

    @Test
    void showtemplatePrintsAConfigThatGenerateAccepts(@TempDir Path dir) throws Exception {
        assertThat(run("cryptogen", "showtemplate")).isZero();
        Path config = dir.resolve("sample.yaml");
        Files.writeString(config, out.toString());

        assertThat(run(
                        "cryptogen",
                        "generate",
                        "--config",
                        config.toString(),
                        "--output",
                        dir.resolve("o").toString()))
                .isZero();
        assertThat(dir.resolve("o/peerOrganizations/org2.example.com/msp/admincerts/Admin@org2.example.com-cert.pem"))
                .isRegularFile();
    }

    @Test
    void versionPrintsFabricsLayout() {
        assertThat(run("cryptogen", "version")).isZero();
        assertThat(out.toString()).startsWith("cryptogen:" + System.lineSeparator() + " Version: ");
        assertThat(out.toString()).contains(" OS/Arch: ");
    }

    @Test
    void unknownToolOrNoArgumentsIsAUsageError() {
        assertThat(run("nosuchtool")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        java.util.List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("weft: unknown tool 'nosuchtool'; tools: ");
        assertThat(lines.get(1)).startsWith("usage: weft.jar <tool> [args...]; tools: ");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("configtxgen, cryptogen"));
    }

    @Test
    void cryptogenWithoutACommandIsAUsageError() {
        assertThat(run("cryptogen")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("missing command");
    }

    private int run(String... args) {
        return WeftMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
