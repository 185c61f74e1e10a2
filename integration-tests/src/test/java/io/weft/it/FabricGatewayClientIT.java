package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code org.hyperledger.fabric:fabric-gateway} client against a Weft network started with
 * {@code weft up}: submit, evaluate, commit status, chaincode events, block events and the error cases.
 */
class FabricGatewayClientIT {
    @TempDir
    Path dir;

    private Process network;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (network != null) {
            network.destroy();
            if (!network.waitFor(30, TimeUnit.SECONDS)) {
                network.destroyForcibly();
            }
        }
    }

    @Test
    void officialClientSubmitsEvaluatesAndListens() throws Exception {
        Path out = dir.resolve("weft-up.out");
        network = WeftProcesses.weftUp(
                out,
                dir.resolve("weft-up.err"),
                "--runtime",
                "process",
                "--dir",
                dir.resolve("network").toString());
        await().atMost(Duration.ofMinutes(3))
                .until(() -> !network.isAlive() || Files.readString(out).contains("The network is running"));
        assertThat(network.isAlive())
                .as(Files.readString(dir.resolve("weft-up.err")))
                .isTrue();

        Path org1 = dir.resolve("network/organizations/peerOrganizations/org1.example.com");
        Path user = org1.resolve("users/User1@org1.example.com/msp");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", 7051)
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(org1.resolve("peers/peer0.org1.example.com/tls/ca.crt")
                                .toFile())
                        .build())
                .build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(
                        "Org1MSP", Identities.readX509Certificate(reader(firstFile(user.resolve("signcerts"))))))
                .signer(Signers.newPrivateKeySigner(
                        Identities.readPrivateKey(reader(firstFile(user.resolve("keystore"))))))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect()) {
            Network mychannel = gateway.getNetwork("mychannel");
            Contract contract = mychannel.getContract("basic");
            try (CloseableIterator<ChaincodeEvent> events = mychannel
                            .newChaincodeEventsRequest("basic")
                            .startBlock(0)
                            .build()
                            .getEvents();
                    CloseableIterator<Block> blocks = mychannel
                            .newBlockEventsRequest()
                            .startBlock(0)
                            .build()
                            .getEvents()) {
                byte[] created = contract.submitTransaction("CreateAsset", "asset7", "red", "3", "Ann", "100");
                assertThat(new String(created, StandardCharsets.UTF_8)).contains("\"ID\":\"asset7\"");
                assertThat(new String(contract.evaluateTransaction("ReadAsset", "asset7"), StandardCharsets.UTF_8))
                        .contains("\"Owner\":\"Ann\"");

                SubmittedTransaction transfer = contract.newProposal("TransferAsset")
                        .addArguments("asset7", "Bob")
                        .build()
                        .endorse()
                        .submitAsync();
                assertThat(new String(transfer.getResult(), StandardCharsets.UTF_8))
                        .isEqualTo("Ann");
                Status status = transfer.getStatus();
                assertThat(status.isSuccessful()).isTrue();
                assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);

                // the chaincode event of weft up's TransferAsset (asset1), then ours (asset7)
                ChaincodeEvent event = events.next();
                while (!event.getTransactionId().equals(transfer.getTransactionId())) {
                    event = events.next();
                }
                assertThat(event.getEventName()).isEqualTo("TransferAsset");
                assertThat(event.getBlockNumber()).isEqualTo(status.getBlockNumber());
                assertThat(blocks.next().getHeader().getNumber()).isZero();
            }

            // errors: a chaincode failure, an unknown chaincode, and an MVCC conflict seen as its validation code
            assertThatThrownBy(() -> contract.evaluateTransaction("ReadAsset", "nope"))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("Asset nope does not exist");
            assertThatThrownBy(() -> mychannel.getContract("nochaincode").submitTransaction("x"))
                    .isInstanceOf(EndorseException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).getDetails())
                            .anySatisfy(detail -> assertThat(detail.getMessage())
                                    .contains("chaincode nochaincode has been successfully defined")));
            var first = contract.newProposal("UpdateAsset")
                    .addArguments("asset7", "green", "3", "Bob", "100")
                    .build()
                    .endorse();
            var second = contract.newProposal("UpdateAsset")
                    .addArguments("asset7", "blue", "3", "Bob", "100")
                    .build()
                    .endorse();
            assertThat(first.submitAsync().getStatus().isSuccessful()).isTrue();
            Status conflict = second.submitAsync().getStatus();
            assertThat(conflict.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        }

        // the load tool drives the same network through the same client library
        String bench = bench("--callers", "4", "--warmup", "1s", "--duration", "2s");
        for (String mode : List.of("evaluate", "endorse", "submit")) {
            assertThat(bench)
                    .as(bench)
                    .containsPattern("(?m)^" + mode + " +[0-9,.]+ tx/s +[1-9][0-9,]* done +0 failed +latency ms p50");
        }
        // the SDK's own signer (BouncyCastle, SHA-256 digest signed) instead of Weft's provider: the same peer accepts
        String sdkSigned =
                bench("--sdk-signer", "--mode", "endorse", "--callers", "2", "--warmup", "1s", "--duration", "1s");
        assertThat(sdkSigned).as(sdkSigned).containsPattern("(?m)^endorse +[0-9,.]+ tx/s +[1-9][0-9,]* done +0 failed");
    }

    /** {@code weft bench} against this test's network, with the options given. */
    private String bench(String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(
                List.of("weft", "bench", "--network", dir.resolve("network").toString()));
        args.addAll(List.of(options));
        return WeftProcesses.run(dir, java.util.Map.of(), args.toArray(new String[0]));
    }

    private static Path firstFile(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findFirst().orElseThrow();
        }
    }

    private static Reader reader(Path file) throws Exception {
        return Files.newBufferedReader(file);
    }
}
