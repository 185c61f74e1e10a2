package io.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShimConfigTest {
    @Test
    void readsFabricEnvironment() {
        ShimConfig config = ShimConfig.fromEnvironment(
                Map.of(
                        "CORE_CHAINCODE_ID_NAME", "basic_1.0:abc",
                        "CORE_PEER_ADDRESS", "peer0:7052",
                        "CORE_PEER_LOCALMSPID", "Org1MSP",
                        "CORE_CHAINCODE_MAX_CONCURRENCY", "8"),
                new String[0]);
        assertThat(config.chaincodeId()).isEqualTo("basic_1.0:abc");
        assertThat(config.peerAddress()).isEqualTo(new ShimConfig.HostAndPort("peer0", 7052));
        assertThat(config.localMspId()).isEqualTo("Org1MSP");
        assertThat(config.maxConcurrency()).isEqualTo(8);
        assertThat(config.serverMode()).isFalse();
        assertThat(config.tls().enabled()).isFalse();
    }

    @Test
    void commandLineWinsOverEnvironment() {
        ShimConfig config = ShimConfig.fromEnvironment(
                Map.of("CORE_CHAINCODE_ID_NAME", "env:1", "CORE_PEER_ADDRESS", "env:1"),
                new String[] {"--peerAddress", "127.0.0.1:9052", "-i", "arg:2"});
        assertThat(config.peerAddress()).isEqualTo(new ShimConfig.HostAndPort("127.0.0.1", 9052));
        assertThat(config.chaincodeId()).isEqualTo("arg:2");
        assertThat(ShimConfig.fromEnvironment(Map.of("CORE_CHAINCODE_ID_NAME", "x"), new String[] {"-a=h:1"})
                        .peerAddress())
                .isEqualTo(new ShimConfig.HostAndPort("h", 1));
    }

    @Test
    void serverModeTakesChaincodeIdAndTlsFiles() {
        ShimConfig config = ShimConfig.fromEnvironment(
                Map.of(
                        "CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999",
                        "CHAINCODE_ID", "basic_1.0:abc",
                        "CORE_PEER_TLS_ENABLED", "true",
                        "CORE_TLS_CLIENT_KEY_FILE", "/k.pem",
                        "CORE_TLS_CLIENT_CERT_FILE", "/c.pem"),
                new String[0]);
        assertThat(config.serverMode()).isTrue();
        assertThat(config.serverAddress().port()).isEqualTo(9999);
        assertThat(config.chaincodeId()).isEqualTo("basic_1.0:abc");
        assertThat(config.tls().clientKeyFile()).isEqualTo(Path.of("/k.pem"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ShimConfig.fromEnvironment(
                        Map.of(
                                "CORE_PEER_ADDRESS", "nope",
                                "CORE_PEER_TLS_ENABLED", "true",
                                "CORE_CHAINCODE_MAX_CONCURRENCY", "0"),
                        new String[0]))
                .isInstanceOf(ShimException.class)
                .hasMessageContaining("CORE_CHAINCODE_ID_NAME")
                .hasMessageContaining("expected host:port, got 'nope'")
                .hasMessageContaining("CORE_TLS_CLIENT_KEY_PATH")
                .hasMessageContaining("CORE_PEER_TLS_ROOTCERT_FILE")
                .hasMessageContaining("CORE_CHAINCODE_MAX_CONCURRENCY must be a positive integer");
    }
}
