package io.weft.peer.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.BlockHashes;
import io.weft.ledger.ChannelLedger;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.msp.SigningIdentity;
import io.weft.orderer.AtomicBroadcastService;
import io.weft.orderer.ChannelRegistrar;
import io.weft.peer.committer.CommitterFixture;
import io.weft.peer.committer.EndorserTransactions;
import io.weft.peer.committer.TestBlocks;
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
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An in-process orderer (registrar + AtomicBroadcast over grpc-inprocess) and a peer that pulls from it: transactions
 * broadcast to the orderer are committed on the peer with the right codes; the orderer is stopped mid-stream and
 * restarted over the same ledger, and the peer catches up with no gap and no duplicate.
 */
class OrdererDeliverClientTest {
    private static final String CHANNEL = CommitterFixture.CHANNEL;

    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static SigningIdentity client;

    @TempDir
    Path dir;

    private final String serverName = InProcessServerBuilder.generateName();
    private LedgerProvider ordererLedgers;
    private ChannelRegistrar registrar;
    private ExecutorService ordererPool;
    private Server server;
    private CommitterFixture peer;
    private OrdererDeliverClient deliverClient;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        client = network.client(1);
    }

    @BeforeEach
    void start() throws Exception {
        Block genesis = network.genesisBlock(CHANNEL);
        startOrderer(genesis);
        peer = new CommitterFixture(network, dir.resolve("peer"));
        peer.channel = peer.channels.joinChain(genesis);
        deliverClient = new OrdererDeliverClient(
                peer.channel,
                network.peer(1),
                endpoint -> InProcessChannelBuilder.forName(serverName).build(),
                new OrdererDeliverClient.Settings(Duration.ofMillis(20), Duration.ofMillis(300)),
                Clock.systemUTC());
        deliverClient.start();
    }

    private void startOrderer(Block genesisOrNull) throws Exception {
        ordererLedgers = LedgerProvider.open(LedgerConfig.defaults(dir.resolve("orderer")));
        registrar = new ChannelRegistrar(ordererLedgers, network.orderer(), TestNetwork.CRYPTO, 1000);
        if (genesisOrNull != null) {
            registrar.join(genesisOrNull);
        } else {
            registrar.start();
        }
        ordererPool = Executors.newFixedThreadPool(4);
        server = InProcessServerBuilder.forName(serverName)
                .directExecutor()
                .addService(new AtomicBroadcastService(registrar, registrar::channel, ordererPool, Clock.systemUTC()))
                .build()
                .start();
    }

    private void stopOrderer() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        ordererPool.shutdownNow();
        registrar.close();
        ordererLedgers.close();
    }

    @AfterEach
    void stop() throws Exception {
        deliverClient.close();
        peer.close();
        stopOrderer();
    }

    private void broadcast(List<Envelope> envelopes) {
        ManagedChannel grpc = InProcessChannelBuilder.forName(serverName).build();
        try {
            List<BroadcastResponse> responses = new CopyOnWriteArrayList<>();
            StreamObserver<Envelope> requests = AtomicBroadcastGrpc.newStub(grpc)
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
            envelopes.forEach(requests::onNext);
            await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() == envelopes.size());
            requests.onCompleted();
            assertThat(responses).extracting(BroadcastResponse::getStatus).containsOnly(Status.SUCCESS);
        } finally {
            grpc.shutdownNow();
        }
    }

    private List<Envelope> transactions(int count, String prefix) {
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envelopes.add(EndorserTransactions.of(CHANNEL, client, "basic")
                    .write("basic", prefix + i, "v" + i)
                    .endorsedBy(network.peer(1 + i % 2))
                    .build());
        }
        return envelopes;
    }

    private long ordererHeight() {
        return registrar.channel(CHANNEL).orElseThrow().ledger().height();
    }

    @Test
    void commitsWhatTheOrdererDeliversAndCatchesUpAfterTheOrdererRestarts() throws Exception {
        SigningIdentity[] both = {network.peer(1), network.peer(2)};
        broadcast(List.of(TestBlocks.defineChaincode(
                CHANNEL, client, "basic", TestBlocks.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"), both)));
        await().atMost(Duration.ofSeconds(15)).until(() -> peer.ledger().height() == 2);

        List<Envelope> first = new ArrayList<>(transactions(20, "a")); // two full blocks of 10
        Envelope undefined = EndorserTransactions.of(CHANNEL, client, "nosuchcc")
                .write("nosuchcc", "k", "v")
                .endorsedBy(both)
                .build();
        first.add(undefined);
        broadcast(first);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> peer.ledger().height() == ordererHeight() && ordererHeight() == 5);
        var undefinedCode = peer.ledger().getTxValidationCode(EndorserTransactions.txIdOf(undefined));
        assertThat(undefinedCode).contains(TxValidationCode.INVALID_CHAINCODE);

        // the server goes away under the peer's open stream; the orderer keeps cutting blocks the peer cannot see
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        var consenter = registrar.channel(CHANNEL).orElseThrow().consenter();
        transactions(10, "c")
                .forEach(e -> assertThat(consenter.order(e.toByteString())).isTrue());
        await().atMost(Duration.ofSeconds(15)).until(() -> ordererHeight() == 6);
        assertThat(peer.ledger().height()).isEqualTo(5);
        stopOrderer();
        startOrderer(null); // a new server over the same orderer ledger
        broadcast(transactions(15, "b"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ordererHeight() == 8 && peer.ledger().height() == 8);

        ChannelLedger peerLedger = peer.ledger();
        ChannelLedger ordererLedger = registrar.channel(CHANNEL).orElseThrow().ledger();
        for (long n = 0; n < 8; n++) {
            Block mine = peerLedger.getBlockByNumber(n).orElseThrow();
            Block theirs = ordererLedger.getBlockByNumber(n).orElseThrow();
            assertThat(BlockHashes.headerHash(mine.getHeader())).isEqualTo(BlockHashes.headerHash(theirs.getHeader()));
        }
        long valid = 0;
        for (long n = 2; n < 8; n++) {
            Block block = peerLedger.getBlockByNumber(n).orElseThrow();
            for (byte flag : block.getMetadata().getMetadata(2).toByteArray()) {
                valid += flag == TxValidationCode.VALID_VALUE ? 1 : 0;
            }
        }
        assertThat(valid).isEqualTo(45);
    }

    @Test
    void closingWhileStreamingLogsNoWarning() {
        broadcast(transactions(1, "x"));
        await().atMost(Duration.ofSeconds(15)).until(() -> peer.ledger().height() == 2);

        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger logger = (Logger) LoggerFactory.getLogger(OrdererDeliverClient.class);
        logger.addAppender(events);
        try {
            deliverClient.close(); // cancels the open stream: the peer's own doing, not a failure of the orderer
        } finally {
            logger.detachAppender(events);
        }
        assertThat(events.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }
}
