package io.weft.peer.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.msp.SigningIdentity;
import io.weft.peer.committer.CommitterFixture;
import io.weft.peer.committer.EndorserTransactions;
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
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerDeliverServiceTest {
    private static final String CHANNEL = CommitterFixture.CHANNEL;

    @TempDir
    static Path shared;

    private static TestNetwork network;
    private static TestNetwork stranger;
    private static SigningIdentity client;

    @TempDir
    Path dir;

    private CommitterFixture fixture;
    private ExecutorService deliverPool;
    private Server server;
    private ManagedChannel grpc;
    private DeliverGrpc.DeliverStub stub;
    private String validTxId;
    private String invalidTxId;

    @BeforeAll
    static void createNetworks() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
        stranger = TestNetwork.create(shared.resolve("stranger"), TestNetwork.repoConfig());
        client = network.client(1);
    }

    @BeforeEach
    void start() throws Exception {
        fixture = new CommitterFixture(network, dir).joinAndDefine();
        Envelope valid = EndorserTransactions.of(CHANNEL, client, "basic")
                .write("basic", "k", "v")
                .event("Created", "basic")
                .endorsedBy(network.peer(1))
                .build();
        Envelope invalid = EndorserTransactions.of(CHANNEL, client, "andcc")
                .write("andcc", "k", "v")
                .endorsedBy(network.peer(1))
                .build();
        validTxId = EndorserTransactions.txIdOf(valid);
        invalidTxId = EndorserTransactions.txIdOf(invalid);
        fixture.commit(valid, invalid); // block 2
        deliverPool = Executors.newFixedThreadPool(4);
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(new PeerDeliverService(id -> fixture.channels.channel(id), deliverPool, Clock.systemUTC()))
                .build()
                .start();
        grpc = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = DeliverGrpc.newStub(grpc);
    }

    @AfterEach
    void stop() throws Exception {
        grpc.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        deliverPool.shutdownNow();
        fixture.close();
    }

    private List<DeliverResponse> call(
            Function<StreamObserver<DeliverResponse>, StreamObserver<Envelope>> rpc, Envelope seek, int expected) {
        List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
        StreamObserver<Envelope> requests = rpc.apply(new StreamObserver<>() {
            @Override
            public void onNext(DeliverResponse value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        requests.onNext(seek);
        await().atMost(Duration.ofSeconds(15)).until(() -> responses.size() >= expected);
        requests.onCompleted();
        return new ArrayList<>(responses);
    }

    private static Envelope seek(SigningIdentity signer, long start, long stop) {
        return TestEnvelopes.seek(CHANNEL, signer, start, stop, SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);
    }

    @Test
    void deliversCommittedBlocksWithTheirValidationFlags() {
        List<DeliverResponse> responses = call(stub::deliver, seek(client, 0, 2), 4);
        assertThat(responses.subList(0, 3))
                .extracting(r -> r.getBlock().getHeader().getNumber())
                .containsExactly(0L, 1L, 2L);
        var flags = responses.get(2).getBlock().getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        assertThat(flags.toByteArray())
                .containsExactly(TxValidationCode.VALID_VALUE, TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE);
        assertThat(responses.get(3).getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void deliversFilteredBlocksWithTxIdsCodesAndEventsWithoutPayload() {
        List<DeliverResponse> responses = call(stub::deliverFiltered, seek(network.peer(2), 2, 2), 2);
        var filtered = responses.get(0).getFilteredBlock();
        assertThat(filtered.getChannelId()).isEqualTo(CHANNEL);
        assertThat(filtered.getNumber()).isEqualTo(2);
        assertThat(filtered.getFilteredTransactionsList())
                .extracting(FilteredTransaction::getTxid, FilteredTransaction::getTxValidationCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(validTxId, TxValidationCode.VALID),
                        org.assertj.core.groups.Tuple.tuple(invalidTxId, TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
        FilteredTransaction first = filtered.getFilteredTransactions(0);
        assertThat(first.getType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION);
        var event = first.getTransactionActions().getChaincodeActions(0).getChaincodeEvent();
        assertThat(event.getChaincodeId()).isEqualTo("basic");
        assertThat(event.getEventName()).isEqualTo("Created");
        assertThat(event.getTxId()).isEmpty();
        assertThat(event.getPayload().isEmpty()).isTrue();
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void deliversBlocksWithAnEmptyPrivateDataMap() {
        List<DeliverResponse> responses = call(stub::deliverWithPrivateData, seek(client, 1, 1), 2);
        assertThat(responses
                        .get(0)
                        .getBlockAndPrivateData()
                        .getBlock()
                        .getHeader()
                        .getNumber())
                .isEqualTo(1);
        assertThat(responses.get(0).getBlockAndPrivateData().getPrivateDataMapMap())
                .isEmpty();
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void streamsNewBlocksAsTheyCommit() {
        List<DeliverResponse> responses = new CopyOnWriteArrayList<>();
        StreamObserver<Envelope> requests = stub.deliverFiltered(new StreamObserver<>() {
            @Override
            public void onNext(DeliverResponse value) {
                responses.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        requests.onNext(TestEnvelopes.seek(CHANNEL, client, 3, 3, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY));
        fixture.commit(EndorserTransactions.of(CHANNEL, client, "basic")
                .write("basic", "k2", "v")
                .endorsedBy(network.peer(2))
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> responses.size() >= 2);
        assertThat(responses.get(0).getFilteredBlock().getNumber()).isEqualTo(3);
        assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
        requests.onCompleted();
    }

    @Test
    void refusesReadersOutsideTheChannel() {
        List<DeliverResponse> responses = call(stub::deliver, seek(stranger.client(1), 0, 0), 1);
        assertThat(responses).extracting(DeliverResponse::getStatus).containsExactly(Status.FORBIDDEN);
    }

    @Test
    void answersNotFoundForAnUnknownChannelAndBadRequestForAWrongHeaderType() {
        Envelope unknown = TestEnvelopes.seek("nochannel", client, 0, 0, SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);
        assertThat(call(stub::deliver, unknown, 1))
                .extracting(DeliverResponse::getStatus)
                .containsExactly(Status.NOT_FOUND);
        Envelope wrongType = TestEnvelopes.transaction(CHANNEL, client, "not a seek");
        assertThat(call(stub::deliver, wrongType, 1))
                .extracting(DeliverResponse::getStatus)
                .containsExactly(Status.BAD_REQUEST);
    }
}
