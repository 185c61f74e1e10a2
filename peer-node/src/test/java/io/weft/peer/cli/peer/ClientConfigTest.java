package io.weft.peer.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.peer.cli.CliRunner;
import io.weft.peer.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client identity and target from CORE_* variables over core.yaml, and TLS to the peer and the orderer. */
class ClientConfigTest {
    @TempDir
    static Path networkDir;

    static PeerCliFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void network() {
        fixture = new PeerCliFixture(networkDir);
    }

    @Test
    void environmentOverridesCoreYamlAsOnFabric() {
        Path file = fixture.coreYaml(dir, "127.0.0.1:7051", "");
        Map<String, String> env = Map.of(
                "CORE_PEER_LOCALMSPID", "Org2MSP",
                "CORE_PEER_MSPCONFIGPATH", fixture.network.adminMspDir(2).toString(),
                "CORE_PEER_ADDRESS", "127.0.0.1:9051");

        ClientConfig config = ClientConfig.load(file, env);

        assertThat(config.signer().serialized())
                .isEqualTo(fixture.network.admin(2).serialized());
        assertThat(config.defaultPeer().address()).isEqualTo("127.0.0.1:9051");
        assertThat(config.defaultPeer().tls()).isFalse();
    }

    @Test
    void missingMspIdNamesTheVariable() {
        ClientConfig config = ClientConfig.load(null, Map.of("FABRIC_CFG_PATH", dir.toString()));

        assertThatThrownBy(config::signer)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CORE_PEER_LOCALMSPID is not set");
    }

    @Test
    void tlsWithoutRootCertNamesWhatToSet() {
        ClientConfig config = ClientConfig.load(
                null,
                Map.of(
                        "FABRIC_CFG_PATH",
                        dir.toString(),
                        "CORE_PEER_ADDRESS",
                        "127.0.0.1:7051",
                        "CORE_PEER_TLS_ENABLED",
                        "true"));

        assertThatThrownBy(config::defaultPeer).hasMessageContaining("CORE_PEER_TLS_ROOTCERT_FILE");
    }

    @Test
    void talksTlsToPeerAndOrdererWithHostnameOverrides() throws Exception {
        Path tls = fixture.network.peerTlsDir(1);
        try (FakeNode node = new FakeNode(fixture.peer1, tls)) {
            Path config = fixture.coreYaml(
                    dir,
                    node.address(),
                    "    rootcert:\n      file: " + tls.resolve("ca.crt") + "\n"
                            + "    serverhostoverride: peer0.org1.example.com\n");
            String yaml = java.nio.file.Files.readString(config).replace("enabled: false", "enabled: true");
            java.nio.file.Files.writeString(config, yaml);

            CliRunner.Result result = PeerCliFixture.peer(
                    config,
                    2,
                    "chaincode",
                    "invoke",
                    "-C",
                    "mychannel",
                    "-n",
                    "basic",
                    "-c",
                    "{\"Args\":[\"f\"]}",
                    "-o",
                    node.address(),
                    "--tls",
                    "--cafile",
                    tls.resolve("ca.crt").toString(),
                    "--ordererTLSHostnameOverride",
                    "peer0.org1.example.com");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(node.broadcasts).hasSize(1);

            CliRunner.Result plaintext = PeerCliFixture.peer(
                    fixture.coreYaml(dir.resolve("plain"), node.address(), ""),
                    2,
                    "chaincode",
                    "query",
                    "-C",
                    "mychannel",
                    "-n",
                    "basic",
                    "-c",
                    "{\"Args\":[\"f\"]}");
            assertThat(plaintext.exitCode()).isEqualTo(1);
            assertThat(plaintext.err())
                    .contains("is CORE_PEER_TLS_ENABLED right?")
                    .hasLineCount(1);
        }
    }
}
