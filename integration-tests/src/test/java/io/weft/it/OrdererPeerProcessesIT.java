package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.BlockHashes;
import io.weft.testing.TestEnvelopes;
import io.weft.testing.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orderer process and a peer process, set up as an operator would: cryptogen material, configtxgen's genesis block,
 * osnadmin join, peer channel join. Transactions are broadcast and committed on the peer; the orderer is killed with
 * SIGKILL mid-stream and restarted, and the peer catches up with no gap and no duplicate (same chain, same head).
 */
class OrdererPeerProcessesIT {
    private static final Pattern CURRENT_HASH = Pattern.compile("\"currentBlockHash\":\"([^\"]+)\"");
    private static final Pattern HEIGHT = Pattern.compile("\"height\":(\\d+)");

    @TempDir
    Path dir;

    private Process orderer;
    private Process peer;

    @AfterEach
    void stop() {
        for (Process process : new Process[] {orderer, peer}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void peerFollowsTheOrdererAcrossAnOrdererCrash() throws Exception {
        TestNetwork network = TestNetwork.create(dir, TestNetwork.repoConfig());
        Path config = network.configDir();
        Files.copy(TestNetwork.repoConfig().resolve("orderer.yaml"), config.resolve("orderer.yaml"));
        Files.copy(TestNetwork.repoConfig().resolve("core.yaml"), config.resolve("core.yaml"));
        Map<String, String> env = Map.of("FABRIC_CFG_PATH", config.toString());
        WeftProcesses.run(
                dir,
                env,
                "configtxgen",
                "-profile",
                TestNetwork.PROFILE,
                "-channelID",
                "mychannel",
                "-outputBlock",
                dir.resolve("mychannel.block").toString());

        orderer = WeftProcesses.start(dir.resolve("orderer.log"), env, "orderer");
        Map<String, String> peerEnv = new HashMap<>(env);
        peerEnv.put("CORE_CHAINCODE_RUNTIME", "process");
        peer = WeftProcesses.start(dir.resolve("peer.log"), peerEnv, "peer", "node", "start");
        Path ordererTls = network.ordererTlsDir();
        Path adminTls = network.ordererOrg().resolve("users/Admin@example.com/tls");
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
                .until(() -> {
                    alive(orderer, "orderer.log");
                    alive(peer, "peer.log");
                    WeftProcesses.run(
                            dir,
                            env,
                            "osnadmin",
                            "channel",
                            "join",
                            "--channelID",
                            "mychannel",
                            "--config-block",
                            dir.resolve("mychannel.block").toString(),
                            "-o",
                            "127.0.0.1:7053",
                            "--ca-file",
                            ordererTls.resolve("ca.crt").toString(),
                            "--client-cert",
                            adminTls.resolve("client.crt").toString(),
                            "--client-key",
                            adminTls.resolve("client.key").toString());
                    return true;
                });
        Map<String, String> admin = new HashMap<>(env);
        admin.put("CORE_PEER_LOCALMSPID", "Org1MSP");
        admin.put("CORE_PEER_ADDRESS", "127.0.0.1:7051");
        admin.put("CORE_PEER_TLS_ENABLED", "true");
        admin.put("CORE_PEER_MSPCONFIGPATH", network.adminMspDir(1).toString());
        admin.put(
                "CORE_PEER_TLS_ROOTCERT_FILE",
                network.peerTlsDir(1).resolve("ca.crt").toString());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            WeftProcesses.run(
                    dir,
                    admin,
                    "peer",
                    "channel",
                    "join",
                    "-b",
                    dir.resolve("mychannel.block").toString());
            return true;
        });

        broadcast(network, 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> peerHeight(admin) >= 2);

        orderer.destroyForcibly().waitFor();
        orderer = WeftProcesses.start(dir.resolve("orderer-restarted.log"), env, "orderer");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            broadcast(network, 3);
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            broadcast(network, 1);
            return ordererBlocks(network).size() >= 4;
        });
        // no more broadcasts: once the last batch is cut, the peer must reach exactly the orderer's chain
        await().atMost(Duration.ofSeconds(60))
                .until(() -> peerHeight(admin) == ordererBlocks(network).size());
        List<Block> chain = ordererBlocks(network);
        Block head = chain.get(chain.size() - 1);
        String info = WeftProcesses.run(dir, admin, "peer", "channel", "getinfo", "-c", "mychannel");
        Matcher hash = CURRENT_HASH.matcher(info);
        assertThat(hash.find()).as(info).isTrue();
        assertThat(Base64.getDecoder().decode(hash.group(1))).isEqualTo(BlockHashes.headerHash(head.getHeader()));
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).getHeader().getPreviousHash().toByteArray())
                    .isEqualTo(BlockHashes.headerHash(chain.get(i - 1).getHeader()));
        }
        assertThat(Files.readString(dir.resolve("peer.log"))).doesNotContain("ERROR");
    }

    /** Fails at once, with the process's log, when a node process has died (a port in use, a bad config). */
    private void alive(Process process, String log) throws java.io.IOException {
        if (!process.isAlive()) {
            throw new AssertionError(
                    log + " process exited " + process.exitValue() + ":\n" + Files.readString(dir.resolve(log)));
        }
    }

    private static long peerHeight(Map<String, String> admin) {
        try {
            Matcher matcher = HEIGHT.matcher(WeftProcesses.run(
                    Path.of(System.getProperty("java.io.tmpdir")),
                    admin,
                    "peer",
                    "channel",
                    "getinfo",
                    "-c",
                    "mychannel"));
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static ManagedChannel ordererChannel(TestNetwork network) throws Exception {
        return NettyChannelBuilder.forAddress("127.0.0.1", 7050)
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(network.ordererTlsDir().resolve("ca.crt").toFile())
                        .build())
                .build();
    }

    private static void broadcast(TestNetwork network, int count) throws Exception {
        ManagedChannel channel = ordererChannel(network);
        try {
            List<BroadcastResponse> responses = new CopyOnWriteArrayList<>();
            StreamObserver<Envelope> requests =
                    AtomicBroadcastGrpc.newStub(channel).broadcast(collect(responses));
            for (int i = 0; i < count; i++) {
                requests.onNext(TestEnvelopes.transaction("mychannel", network.client(1), "payload " + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() == count);
            assertThat(responses).extracting(BroadcastResponse::getStatus).containsOnly(Status.SUCCESS);
            requests.onCompleted();
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<Block> ordererBlocks(TestNetwork network) throws Exception {
        ManagedChannel channel = ordererChannel(network);
        try {
            List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
            StreamObserver<Envelope> requests =
                    AtomicBroadcastGrpc.newStub(channel).deliver(collect(responses));
            requests.onNext(TestEnvelopes.seek(
                    "mychannel", network.peer(1), 0, Long.MAX_VALUE, SeekInfo.SeekBehavior.FAIL_IF_NOT_READY));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> responses.stream().anyMatch(DeliverResponse::hasStatus));
            requests.onCompleted();
            return responses.stream()
                    .filter(DeliverResponse::hasBlock)
                    .map(DeliverResponse::getBlock)
                    .toList();
        } finally {
            channel.shutdownNow();
        }
    }

    private static <T> StreamObserver<T> collect(List<T> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                into.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }
}
