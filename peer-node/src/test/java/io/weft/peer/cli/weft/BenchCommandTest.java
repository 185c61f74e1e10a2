package io.weft.peer.cli.weft;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.peer.cli.CliRunner;
import io.weft.testing.TestNetwork;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tool's error paths; a real run against a network is in integration-tests (FabricGatewayClientIT). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingNetworkFolderIsAUsageErrorNamingTheWayOut() {
        CliRunner.Result result = CliRunner.run(
                "weft", "bench", "--network", dir.resolve("nothing").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .doesNotContain("\n")
                .contains("tls/ca.crt does not exist")
                .contains("bin/weft up")
                .contains("--tls-ca");
    }

    @Test
    void unreachablePeerFailsBeforeTheLoadWithOneLine() throws Exception {
        TestNetwork network = TestNetwork.create(dir, TestNetwork.repoConfig());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRunner.Result result = CliRunner.run(
                "weft",
                "bench",
                "--network",
                network.root().toString(),
                "--peer",
                "127.0.0.1:" + closedPort,
                "--duration",
                "1s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip())
                .doesNotContain("\n")
                .contains("the first transaction through the gateway at 127.0.0.1:" + closedPort + " failed")
                .contains("is the network running");
        assertThat(result.out()).doesNotContain("tx/s");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(CliRunner.run("weft", "bench", "--callers", "0").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("weft", "bench", "--duration", "soon").exitCode())
                .isEqualTo(2);
        assertThat(CliRunner.run("weft", "bench", "--mode", "mine").exitCode()).isEqualTo(2);
        CliRunner.Result zero = CliRunner.run("weft", "bench", "--duration", "0s");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--duration must be more than 0");
    }
}
