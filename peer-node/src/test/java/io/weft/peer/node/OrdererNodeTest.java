package io.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.peer.cli.CliRunner;
import io.weft.peer.config.OrdererConfig;
import io.weft.peer.config.YamlConfig;
import io.weft.testing.TestEnvelopes;
import io.weft.testing.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orderer daemon over real sockets with TLS: osnadmin joins a channel over mutual TLS, clients broadcast. */
class OrdererNodeTest {
    @TempDir
    Path dir;

    @Test
    void servesAChannelJoinedWithOsnadminOverMutualTls() throws Exception {
        TestNetwork network = TestNetwork.create(dir.resolve("net"), TestNetwork.repoConfig());
        Path genesis = dir.resolve("mychannel.block");
        Files.write(genesis, network.genesisBlock("mychannel").toByteArray());
        Path tls = network.ordererTlsDir();
        Path adminTls = network.ordererOrg().resolve("users/Admin@example.com/tls");
        String yaml =
                """
                General:
                  ListenAddress: 127.0.0.1
                  ListenPort: 0
                  TLS:
                    Enabled: true
                    PrivateKey: %1$s/server.key
                    Certificate: %1$s/server.crt
                    RootCAs: [%1$s/ca.crt]
                  LocalMSPDir: %2$s
                  LocalMSPID: OrdererMSP
                FileLedger:
                  Location: %3$s
                Admin:
                  ListenAddress: 127.0.0.1:0
                  TLS:
                    Enabled: true
                    PrivateKey: %1$s/server.key
                    Certificate: %1$s/server.crt
                    ClientAuthRequired: true
                    ClientRootCAs: [%1$s/ca.crt]
                """
                        .formatted(tls, network.ordererMspDir(), dir.resolve("ledger"));
        OrdererConfig config = OrdererConfig.from(YamlConfig.parse(yaml, dir, "ORDERER", Map.of(), "orderer.yaml"));
        try (OrdererNode node = new OrdererNode(config, Clock.systemUTC())) {
            node.start();
            String admin = "127.0.0.1:" + node.adminPort();
            CliRunner.Result joined = CliRunner.run(
                    "osnadmin",
                    "channel",
                    "join",
                    "--channelID",
                    "mychannel",
                    "--config-block",
                    genesis.toString(),
                    "-o",
                    admin,
                    "--ca-file",
                    tls + "/ca.crt",
                    "--client-cert",
                    adminTls + "/client.crt",
                    "--client-key",
                    adminTls + "/client.key");
            assertThat(joined.exitCode()).as(joined.err()).isZero();
            assertThat(joined.out()).startsWith("Status: 201\n{\n\t\"name\": \"mychannel\",");

            CliRunner.Result listed = CliRunner.run(
                    "osnadmin",
                    "channel",
                    "list",
                    "-o",
                    admin,
                    "--ca-file",
                    tls + "/ca.crt",
                    "--client-cert",
                    adminTls + "/client.crt",
                    "--client-key",
                    adminTls + "/client.key");
            assertThat(listed.out()).contains("\"name\": \"mychannel\"");

            CliRunner.Result noClientCert =
                    CliRunner.run("osnadmin", "channel", "list", "-o", admin, "--ca-file", tls + "/ca.crt");
            assertThat(noClientCert.exitCode()).isEqualTo(1);
            assertThat(noClientCert.err()).contains("cannot reach the orderer admin endpoint");

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", node.port())
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(tls.resolve("ca.crt").toFile())
                            .build())
                    .overrideAuthority("orderer.example.com")
                    .build();
            try {
                List<BroadcastResponse> responses = new CopyOnWriteArrayList<>();
                StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(channel)
                        .broadcast(new StreamObserver<>() {
                            @Override
                            public void onNext(BroadcastResponse value) {
                                responses.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {}
                        });
                requests.onNext(TestEnvelopes.transaction("mychannel", network.client(1), "hello"));
                await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() == 1);
                assertThat(responses.get(0).getStatus()).isEqualTo(Status.SUCCESS);
                requests.onCompleted();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> node.registrar()
                                        .channel("mychannel")
                                        .orElseThrow()
                                        .ledger()
                                        .height()
                                == 2);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void reportsEveryConfigProblemAtOnce() {
        String yaml =
                """
                General:
                  ListenPort: seventy
                  TLS:
                    Enabled: true
                  BootstrapMethod: file
                """;
        var problems = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> OrdererConfig.from(YamlConfig.parse(yaml, dir, "ORDERER", Map.of(), "orderer.yaml")),
                io.weft.peer.config.ConfigException.class);
        assertThat(problems.problems())
                .contains(
                        "General.ListenPort: expected a whole number, got 'seventy'",
                        "General.LocalMSPID must be set (the orderer's MSP ID, e.g. OrdererMSP)",
                        "General.TLS.Certificate must be set when TLS is enabled");
        assertThat(problems.problems()).anyMatch(p -> p.startsWith("General.BootstrapMethod"));
    }
}
