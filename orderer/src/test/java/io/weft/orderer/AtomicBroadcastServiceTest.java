package io.weft.orderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.SigningIdentity;
import io.weft.testing.TestEnvelopes;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicBroadcastServiceTest {
    private static final String CHANNEL = "mychannel";

    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static TestNetwork stranger;

    @TempDir
    Path dir;

    private LedgerProvider ledgers;
    private ChannelRegistrar registrar;
    private ExecutorService deliverExecutor;
    private Server server;
    private ManagedChannel channel;
    private AtomicBroadcastGrpc.AtomicBroadcastStub stub;

    @BeforeAll
    static void createNetworks() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        stranger = TestNetwork.create(shared.resolve("other"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void start() throws Exception {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir.resolve("orderer")));
        registrar = new ChannelRegistrar(ledgers, network.orderer(), TestNetwork.CRYPTO, 1000);
        registrar.join(network.genesisBlock(CHANNEL));
        deliverExecutor = Executors.newFixedThreadPool(4);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(
                        new AtomicBroadcastService(registrar, registrar::channel, deliverExecutor, Clock.systemUTC()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = AtomicBroadcastGrpc.newStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        deliverExecutor.shutdownNow();
        registrar.close();
        ledgers.close();
    }

    private List<BroadcastResponse> broadcast(Envelope... envelopes) {
        List<BroadcastResponse> responses = new CopyOnWriteArrayList<>();
        StreamObserver<Envelope> requests = stub.broadcast(collect(responses));
        for (Envelope envelope : envelopes) {
            requests.onNext(envelope);
        }
        requests.onCompleted();
        await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() == envelopes.length);
        return responses;
    }

    private List<DeliverResponse> deliver(Envelope seek, int expected) {
        List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
        StreamObserver<Envelope> requests = stub.deliver(collect(responses));
        requests.onNext(seek);
        await().atMost(Duration.ofSeconds(15)).until(() -> responses.size() >= expected);
        requests.onCompleted();
        return new ArrayList<>(responses);
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

    @Test
    void ordersBroadcastTransactionsIntoSignedBlocksThatDeliverStreams() {
        SigningIdentity client = network.client(1);
        List<BroadcastResponse> responses = broadcast(
                TestEnvelopes.transaction(CHANNEL, client, "tx-a"), TestEnvelopes.transaction(CHANNEL, client, "tx-b"));
        assertThat(responses).extracting(BroadcastResponse::getStatus).containsOnly(Status.SUCCESS);
        // the sample BatchTimeout (2s) cuts the block
        List<DeliverResponse> delivered =
                deliver(TestEnvelopes.seek(CHANNEL, network.peer(1), 0, 1, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 3);
        assertThat(delivered.get(0).getBlock().getHeader().getNumber()).isZero();
        Block block = delivered.get(1).getBlock();
        assertThat(block.getHeader().getNumber()).isEqualTo(1);
        assertThat(block.getData().getDataCount()).isEqualTo(2);
        assertThat(delivered.get(2).getStatus()).isEqualTo(Status.SUCCESS);
        var config = registrar.channel(CHANNEL).orElseThrow().config();
        assertThat(config.requirePolicy("/Channel/Orderer/BlockValidation")
                        .evaluate(BlockSignatures.signedData(block))
                        .satisfied())
                .isTrue();
    }

    @Test
    void refusesWhatTheChannelWouldNotAccept() {
        Envelope unsignedByMember = TestEnvelopes.transaction(CHANNEL, network.client(1), "x").toBuilder()
                .setSignature(ByteString.copyFrom(new byte[] {0x30, 0x00}))
                .build();
        List<BroadcastResponse> responses = broadcast(
                Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("garbage"))
                        .build(),
                TestEnvelopes.transaction("nochannel", network.client(1), "x"),
                unsignedByMember,
                TestEnvelopes.transaction(CHANNEL, stranger.client(1), "x"),
                TestEnvelopes.signed(CHANNEL, network.admin(1), HeaderType.CONFIG_UPDATE, ByteString.EMPTY),
                TestEnvelopes.transaction(CHANNEL, network.peer(1), "peers are not writers"));
        assertThat(responses)
                .extracting(BroadcastResponse::getStatus)
                .containsExactly(
                        Status.BAD_REQUEST,
                        Status.NOT_FOUND,
                        Status.FORBIDDEN,
                        Status.FORBIDDEN,
                        Status.BAD_REQUEST,
                        Status.FORBIDDEN);
        assertThat(responses.get(1).getInfo()).contains("channel nochannel not found");
        assertThat(responses.get(3).getInfo()).contains("access denied by /Channel/Writers");
        assertThat(responses.get(4).getInfo()).contains("config updates are not supported");
    }

    @Test
    void deliverHonoursSeekBehaviourAndReaders() {
        List<DeliverResponse> notReady =
                deliver(TestEnvelopes.seek(CHANNEL, network.peer(1), 5, 5, SeekInfo.SeekBehavior.FAIL_IF_NOT_READY), 1);
        assertThat(notReady.get(0).getStatus()).isEqualTo(Status.NOT_FOUND);
        List<DeliverResponse> forbidden = deliver(
                TestEnvelopes.seek(CHANNEL, stranger.peer(1), 0, 0, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 1);
        assertThat(forbidden.get(0).getStatus()).isEqualTo(Status.FORBIDDEN);
        List<DeliverResponse> backwards =
                deliver(TestEnvelopes.seek(CHANNEL, network.peer(1), 3, 1, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 1);
        assertThat(backwards.get(0).getStatus()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    void deliverWaitsForBlocksNotYetCut() {
        List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
        StreamObserver<Envelope> requests = stub.deliver(collect(responses));
        requests.onNext(TestEnvelopes.seek(CHANNEL, network.peer(2), 1, 1, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        assertThat(responses).isEmpty();
        broadcast(TestEnvelopes.transaction(CHANNEL, network.client(2), "late"));
        await().atMost(Duration.ofSeconds(15)).until(() -> responses.size() == 2);
        assertThat(responses.get(0).getBlock().getHeader().getNumber()).isEqualTo(1);
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
        requests.onCompleted();
    }

    @Test
    void channelsAreRestoredFromTheLedgerAfterARestart() {
        broadcast(TestEnvelopes.transaction(CHANNEL, network.client(1), "before restart"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> registrar.channel(CHANNEL).orElseThrow().ledger().height() == 2);
        registrar.close();
        ledgers.close();
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir.resolve("orderer")));
        registrar = new ChannelRegistrar(ledgers, network.orderer(), TestNetwork.CRYPTO, 1000);
        registrar.start();
        assertThat(registrar.channels()).containsExactly(CHANNEL);
        assertThat(registrar.channel(CHANNEL).orElseThrow().ledger().height()).isEqualTo(2);
    }
}
