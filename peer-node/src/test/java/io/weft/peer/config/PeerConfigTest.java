package io.weft.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.weft.testing.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerConfigTest {
    @TempDir
    static Path dir;

    private static Path SAMPLE;

    @BeforeAll
    static void network() throws Exception {
        TestNetwork network = TestNetwork.create(dir, TestNetwork.repoConfig());
        SAMPLE = network.configDir().resolve("core.yaml");
        Files.copy(TestNetwork.repoConfig().resolve("core.yaml"), SAMPLE);
    }

    @Test
    void readsTheSampleCoreYaml() {
        PeerConfig config = PeerConfig.from(YamlConfig.load(SAMPLE, "CORE", Map.of()));
        assertThat(config.localMspId()).isEqualTo("Org1MSP");
        assertThat(config.listenAddress()).isEqualTo("127.0.0.1:7051");
        assertThat(config.chaincodeListenAddress()).isEqualTo("127.0.0.1:7052");
        assertThat(config.mspConfigPath())
                .isEqualTo(SAMPLE.getParent()
                        .resolve("../organizations/peerOrganizations/org1.example.com/peers/peer0.org1.example.com/msp")
                        .normalize());
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.chaincode().executeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.limits().gatewayService()).isEqualTo(500);
        assertThat(config.metricsProvider()).isEqualTo("prometheus");
    }

    @Test
    void environmentOverridesUseFabricNames() {
        PeerConfig config = PeerConfig.from(YamlConfig.load(
                SAMPLE,
                "CORE",
                Map.of(
                        "CORE_PEER_LOCALMSPID", "Org2MSP",
                        "CORE_PEER_TLS_ENABLED", "false",
                        "CORE_CHAINCODE_EXECUTETIMEOUT", "300s",
                        "FABRIC_LOGGING_SPEC", "debug")));
        assertThat(config.localMspId()).isEqualTo("Org2MSP");
        assertThat(config.tls().enabled()).isFalse();
        assertThat(config.chaincode().executeTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.loggingSpec()).isEqualTo("debug");
    }

    @Test
    void reportsAllProblemsNamingTheirKeys() {
        ConfigException e = catchThrowableOfType(
                () -> PeerConfig.from(YamlConfig.load(
                        SAMPLE,
                        "CORE",
                        Map.of(
                                "CORE_PEER_LOCALMSPID", " ",
                                "CORE_PEER_LISTENADDRESS", "nowhere",
                                "CORE_CHAINCODE_MODE", "fast",
                                "CORE_PEER_TLS_CERT_FILE", "/missing/server.crt",
                                "CORE_METRICS_PROVIDER", "statsd"))),
                ConfigException.class);
        assertThat(e.problems())
                .contains(
                        "peer.localMspId must be set (the peer's MSP ID, e.g. Org1MSP)",
                        "peer.listenAddress: expected host:port, got 'nowhere'",
                        "chaincode.mode: expected net or dev, got 'fast'",
                        "metrics.provider: expected disabled or prometheus, got 'statsd'",
                        "peer.tls.cert.file: file /missing/server.crt does not exist");
    }

    @Test
    void mavenRepositoriesForChaincodeBuildsComeFromTheListOrDefaultToTheUsersRepository() throws Exception {
        Path one = Files.createDirectories(dir.resolve("repo-one"));
        Path two = Files.createDirectories(dir.resolve("repo-two"));
        PeerConfig listed = PeerConfig.from(YamlConfig.load(
                SAMPLE, "CORE", Map.of("CORE_CHAINCODE_JAVA_MAVENREPOSITORIES", "[" + one + ", " + two + "]")));
        assertThat(listed.chaincode().mavenRepositories()).containsExactly(one, two);
        assertThat(listed.chaincode().installTimeout()).isEqualTo(Duration.ofMinutes(5));

        PeerConfig none =
                PeerConfig.from(YamlConfig.load(SAMPLE, "CORE", Map.of("CORE_CHAINCODE_JAVA_MAVENREPOSITORIES", "")));
        assertThat(none.chaincode().mavenRepositories()).isEmpty();

        Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        assertThat(PeerConfig.from(YamlConfig.load(SAMPLE, "CORE", Map.of()))
                        .chaincode()
                        .mavenRepositories())
                .isEqualTo(Files.isDirectory(userRepository) ? List.of(userRepository) : List.of());

        ConfigException e = catchThrowableOfType(
                () -> PeerConfig.from(YamlConfig.load(
                        SAMPLE, "CORE", Map.of("CORE_CHAINCODE_JAVA_MAVENREPOSITORIES", "/missing/repository"))),
                ConfigException.class);
        assertThat(e.problems())
                .containsExactly("chaincode.java.mavenRepositories: /missing/repository is not a folder (expected"
                        + " local Maven repositories such as ~/.m2/repository)");
    }
}
