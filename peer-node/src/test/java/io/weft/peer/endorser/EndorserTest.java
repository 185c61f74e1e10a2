package io.weft.peer.endorser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.ValidatedBlock;
import io.weft.msp.CryptoProvider;
import io.weft.msp.LocalMsp;
import io.weft.msp.MspFolder;
import io.weft.peer.chaincode.ChaincodeException;
import io.weft.peer.chaincode.ChaincodeInvocation;
import io.weft.peer.chaincode.ChaincodeInvoker;
import io.weft.peer.chaincode.ChaincodeResult;
import io.weft.peer.channel.ChannelManager;
import io.weft.peer.committer.BlockValidator;
import io.weft.peer.operations.Metrics;
import io.weft.testing.TestNetwork;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndorserTest {
    private static final String CHANNEL = "mychannel";
    private static final CryptoProvider CRYPTO = TestNetwork.CRYPTO;

    @TempDir
    static Path shared;

    private static TestNetwork network;

    @TempDir
    Path dir;

    private LedgerProvider ledgers;
    private ExecutorService pool;
    private ChannelManager channels;
    private LocalMsp peerMsp;
    private Function<ChaincodeInvocation, ChaincodeResult> chaincode;
    private Map<String, ChaincodeDefinition> defined;
    private int limit = 0;

    @BeforeAll
    static void createNetwork() {
        network = TestNetwork.create(shared.resolve("net"), TestNetwork.repoConfig());
    }

    @BeforeEach
    void joinChannel() {
        ledgers = LedgerProvider.open(LedgerConfig.defaults(dir));
        pool = Executors.newFixedThreadPool(2);
        channels = new ChannelManager(ledgers, CRYPTO, new BlockValidator(pool, CRYPTO), pool, new Metrics());
        channels.joinChain(network.genesisBlock(CHANNEL));
        peerMsp = MspFolder.load(network.peerMspDir(1), "Org1MSP", CRYPTO);
        defined = Map.of("basic", new ChaincodeDefinition("basic", "1.0", 1, false, Optional.of("basic_1.0:abc")));
        chaincode = invocation -> {
            invocation.simulator().getState("basic", "asset1");
            invocation.simulator().setState("basic", "asset1", ByteString.copyFromUtf8("blue"));
            return new ChaincodeResult(
                    Response.newBuilder()
                            .setStatus(200)
                            .setPayload(ByteString.copyFromUtf8("ok"))
                            .build(),
                    Optional.of(
                            ChaincodeEvent.newBuilder().setEventName("Created").build()));
        };
    }

    @AfterEach
    void close() throws Exception {
        channels.close();
        ledgers.close();
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Endorser endorser() {
        ChaincodeInvoker invoker = invocation -> {
            try {
                return CompletableFuture.completedFuture(chaincode.apply(invocation));
            } catch (ChaincodeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        return new Endorser(
                channels::channel,
                peerMsp.msp(),
                peerMsp.signingIdentity(),
                Map.of(),
                (channelId, name, state) -> Optional.ofNullable(defined.get(name)),
                invoker,
                Duration.ofMinutes(15),
                Clock.systemUTC(),
                new Metrics(),
                limit,
                false);
    }

    @Test
    void endorsesWithFabricsShapeAndSignature() throws Exception {
        var request = TestProposals.proposal(CHANNEL, "basic", network.client(1), "CreateAsset", "asset1");
        ProposalResponse response = endorser().endorse(request);
        assertThat(response.getResponse().getStatus()).isEqualTo(200);
        assertThat(response.getVersion()).isEqualTo(1);
        ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(response.getPayload());
        assertThat(prp.getProposalHash().toByteArray())
                .isEqualTo(UnpackedProposal.unpack(request).proposalHash());
        ChaincodeAction action = ChaincodeAction.parseFrom(prp.getExtension());
        assertThat(action.getChaincodeId().getName()).isEqualTo("basic");
        assertThat(action.getChaincodeId().getVersion()).isEqualTo("1.0");
        assertThat(action.getResponse().getPayload().toStringUtf8()).isEqualTo("ok");
        assertThat(ChaincodeEvent.parseFrom(action.getEvents()).getEventName()).isEqualTo("Created");
        TxReadWriteSet rwSet = TxReadWriteSet.parseFrom(action.getResults());
        assertThat(rwSet.getNsRwsetList()).extracting(ns -> ns.getNamespace()).containsExactly("_lifecycle", "basic");
        KVRWSet lifecycle = KVRWSet.parseFrom(rwSet.getNsRwset(0).getRwset());
        assertThat(lifecycle.getReads(0).getKey()).isEqualTo("namespaces/fields/basic/Sequence");
        KVRWSet basic = KVRWSet.parseFrom(rwSet.getNsRwset(1).getRwset());
        assertThat(basic.getWrites(0).getKey()).isEqualTo("asset1");
        assertThat(basic.getReads(0).hasVersion()).isFalse();
        // the endorsement verifies as the committer will check it
        var endorser =
                peerMsp.msp().deserializeIdentity(response.getEndorsement().getEndorser());
        endorser.verify(
                response.getPayload()
                        .concat(response.getEndorsement().getEndorser())
                        .toByteArray(),
                response.getEndorsement().getSignature().toByteArray());
        assertThat(endorser.mspId()).isEqualTo("Org1MSP");
    }

    @Test
    void shapesResponsesByChaincodeStatus() {
        chaincode = invocation -> new ChaincodeResult(
                Response.newBuilder()
                        .setStatus(500)
                        .setMessage("asset1 does not exist")
                        .build(),
                Optional.empty());
        ProposalResponse failed =
                endorser().endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "Read"));
        assertThat(failed.getResponse().getMessage()).isEqualTo("asset1 does not exist");
        assertThat(failed.getPayload()).isNotEmpty();
        assertThat(failed.hasEndorsement()).isFalse();
        chaincode = invocation ->
                new ChaincodeResult(Response.newBuilder().setStatus(404).build(), Optional.empty());
        ProposalResponse notFound =
                endorser().endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "x"));
        assertThat(notFound.getPayload()).isEmpty();
        assertThat(notFound.hasEndorsement()).isFalse();
        chaincode = invocation -> {
            throw new ChaincodeException("timeout expired while executing transaction");
        };
        ProposalResponse timeout = endorser().endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "x"));
        assertThat(timeout.getResponse().getStatus()).isEqualTo(500);
        assertThat(timeout.getResponse().getMessage()).contains("timeout expired while executing transaction");
        assertThat(timeout.getPayload()).isEmpty();
    }

    @Test
    void unknownChannelOrChaincodeIsA500Response() {
        ProposalResponse noChannel =
                endorser().endorse(TestProposals.proposal("other", "basic", network.client(1), "x"));
        assertThat(noChannel.getResponse().getMessage()).isEqualTo("channel 'other' not found");
        ProposalResponse noChaincode =
                endorser().endorse(TestProposals.proposal(CHANNEL, "nope", network.client(1), "x"));
        assertThat(noChaincode.getResponse().getStatus()).isEqualTo(500);
        assertThat(noChaincode.getResponse().getMessage())
                .startsWith("make sure the chaincode nope has been successfully defined on channel mychannel");
    }

    @Test
    void refusesBadProposalsWithGrpcErrors() {
        Endorser endorser = endorser();
        var badTxId = TestProposals.builder(CHANNEL, "basic", network.client(1), List.of("x"))
                .txId("ABC")
                .build();
        assertRefused(
                () -> endorser.endorse(badTxId), Status.Code.INVALID_ARGUMENT, "incorrectly formed transaction id");
        var good = TestProposals.proposal(CHANNEL, "basic", network.client(1), "x");
        var forged = good.toBuilder()
                .setSignature(TestProposals.proposal(CHANNEL, "basic", network.client(1), "y")
                        .getSignature())
                .build();
        assertRefused(
                () -> endorser.endorse(forged), Status.Code.PERMISSION_DENIED, "access denied: channel [mychannel]");
        var stale = TestProposals.builder(CHANNEL, "basic", network.client(1), List.of("x"))
                .timestamp(Instant.now().minus(Duration.ofMinutes(30)))
                .build();
        assertRefused(() -> endorser.endorse(stale), Status.Code.INVALID_ARGUMENT, "incorrect timestamp");
        var byPeer = TestProposals.proposal(CHANNEL, "basic", network.peer(1), "x");
        assertRefused(
                () -> endorser.endorse(byPeer), Status.Code.PERMISSION_DENIED, "access denied for [peer/Propose]");
        TestNetwork stranger = TestNetwork.create(dir.resolve("stranger"), TestNetwork.repoConfig());
        var byStranger = TestProposals.proposal(CHANNEL, "basic", stranger.client(1), "x");
        assertRefused(() -> endorser.endorse(byStranger), Status.Code.PERMISSION_DENIED, "creator org [Org1MSP]");
        assertRefused(
                () -> endorser.endorse(good.toBuilder()
                        .setProposalBytes(ByteString.copyFromUtf8("junk"))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "error unmarshalling");
    }

    @Test
    void refusesATransactionIdAlreadyOnTheLedger() throws Exception {
        var builder = TestProposals.builder(CHANNEL, "basic", network.client(1), List.of("x"));
        var ledger = channels.channel(CHANNEL).orElseThrow().ledger();
        Envelope envelope = Envelope.newBuilder()
                .setPayload(Payload.newBuilder()
                        .setHeader(Header.newBuilder()
                                .setChannelHeader(ChannelHeader.newBuilder()
                                        .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                                        .setChannelId(CHANNEL)
                                        .setTxId(builder.expectedTxId())
                                        .build()
                                        .toByteString()))
                        .build()
                        .toByteString())
                .build();
        BlockData data = BlockData.newBuilder().addData(envelope.toByteString()).build();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Block block = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(1)
                        .setPreviousHash(ledger.blockchainInfo().getCurrentBlockHash())
                        .setDataHash(ByteString.copyFrom(sha.digest(envelope.toByteArray()))))
                .setData(data)
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY))
                .build();
        ledger.commit(ValidatedBlock.allValid(block));
        assertRefused(
                () -> endorser().endorse(builder.build()), Status.Code.ALREADY_EXISTS, "duplicate transaction found");
    }

    @Test
    void enforcesInitRequired() {
        defined = Map.of("basic", new ChaincodeDefinition("basic", "1.0", 1, true, Optional.of("basic_1.0:abc")));
        ProposalResponse notInitialized =
                endorser().endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "x"));
        assertThat(notInitialized.getResponse().getMessage()).contains("has not been initialized for this version");
        ProposalResponse init = endorser()
                .endorse(TestProposals.builder(CHANNEL, "basic", network.client(1), List.of("Init"))
                        .init()
                        .build());
        assertThat(init.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void failsFastBeyondTheConcurrencyLimit() throws Exception {
        limit = 1;
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        chaincode = invocation -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ChaincodeResult(Response.newBuilder().setStatus(200).build(), Optional.empty());
        };
        Endorser endorser = endorser();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            var first = caller.submit(
                    () -> endorser.endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "a")));
            entered.await(10, TimeUnit.SECONDS);
            assertRefused(
                    () -> endorser.endorse(TestProposals.proposal(CHANNEL, "basic", network.client(1), "b")),
                    Status.Code.RESOURCE_EXHAUSTED,
                    "exceeding concurrency limit (1)");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).getResponse().getStatus())
                    .isEqualTo(200);
        } finally {
            caller.shutdownNow();
        }
    }

    private static void assertRefused(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ProposalException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ProposalException) e).code()).isEqualTo(code));
    }
}
