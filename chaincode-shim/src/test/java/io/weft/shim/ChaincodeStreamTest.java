package io.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream handler against a fake peer: handshake, dispatch, multiplexing, limits and error paths. */
class ChaincodeStreamTest {
    private FakePeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new FakePeer();
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
    }

    @Test
    void registersWithPackageIdAndCompletesTransactionsAfterReady() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(
                "ok", String.join(",", stub.getStringArgs()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        peer.transaction("tx1", "fn", "a", "b");
        Response response = peer.expectCompleted("tx1");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMessage()).isEqualTo("ok");
        assertThat(response.getPayload().toStringUtf8()).isEqualTo("fn,a,b");
    }

    @Test
    void registerMessageCarriesNoChannelOrTransaction() throws Exception {
        ChaincodeClient client = new ChaincodeClient(
                ShimConfig.of(FakePeer.CHAINCODE_ID, ShimConfig.DEFAULT_PEER_ADDRESS),
                FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()),
                peer.channel());
        client.start();
        ChaincodeMessage register = peer.take();
        assertThat(register.getTxid()).isEmpty();
        assertThat(register.getChannelId()).isEmpty();
        client.close();
    }

    @Test
    void dropsTransactionsBeforeReadyAndAnswersKeepalive() throws Exception {
        ChaincodeClient client = new ChaincodeClient(
                ShimConfig.of(FakePeer.CHAINCODE_ID, ShimConfig.DEFAULT_PEER_ADDRESS),
                FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()),
                peer.channel());
        client.start();
        peer.take(); // REGISTER
        peer.transaction("early", "fn");
        peer.expectNothing(200);
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.KEEPALIVE)
                .build());
        assertThat(peer.take().getType()).isEqualTo(ChaincodeMessage.Type.KEEPALIVE);
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTERED)
                .build());
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.READY)
                .build());
        client.ready().get(5, TimeUnit.SECONDS);
        peer.transaction("tx1", "fn");
        assertThat(peer.expectCompleted("tx1").getStatus()).isEqualTo(200);
        client.close();
    }

    @Test
    void initMessageCallsInit() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse("invoke")));
        peer.send(FakePeer.invocation(ChaincodeMessage.Type.INIT, FakePeer.CHANNEL, "tx1", "init"));
        assertThat(peer.expectCompleted("tx1").getMessage()).isEqualTo("init");
    }

    @Test
    void chaincodeErrorResponseIsCompletedWithStatus500AndPayload() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newErrorResponse("bad asset", new byte[] {1, 2})));
        peer.transaction("tx1", "fn");
        Response response = peer.expectCompleted("tx1");
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMessage()).isEqualTo("bad asset");
        assertThat(response.getPayload().toByteArray()).containsExactly(1, 2);
    }

    @Test
    void chaincodeThatThrowsAnswersErrorWithTheExceptionAndNoStackTrace() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> {
            throw new IllegalStateException("ledger on fire");
        }));
        peer.transaction("tx1", "fn");
        String text = peer.expectError("tx1");
        assertThat(text).isEqualTo("java.lang.IllegalStateException: ledger on fire");
        peer.transaction("tx2", "fn");
        assertThat(peer.expectError("tx2")).contains("ledger on fire");
    }

    @Test
    void nullResponseAnswersError() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> null));
        peer.transaction("tx1", "fn");
        assertThat(peer.expectError("tx1")).contains("no Response");
    }

    @Test
    void eventIsSentWithCompleted() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> {
            stub.setEvent("Moved", new byte[] {7});
            return ResponseUtils.newSuccessResponse();
        }));
        peer.transaction("tx1", "fn");
        ChaincodeMessage completed = peer.take();
        assertThat(completed.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
        assertThat(completed.getChaincodeEvent())
                .isEqualTo(ChaincodeEvent.newBuilder()
                        .setEventName("Moved")
                        .setPayload(ByteString.copyFrom(new byte[] {7}))
                        .build());
    }

    @Test
    void peerErrorMakesTheStubThrowWithThePeersText() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> {
            try {
                stub.getState("k");
                return ResponseUtils.newSuccessResponse();
            } catch (ShimException e) {
                return ResponseUtils.newErrorResponse(e.getMessage());
            }
        }));
        peer.transaction("tx1", "fn");
        peer.expectRequest(ChaincodeMessage.Type.GET_STATE, "tx1", GetState.parser());
        peer.refuse("tx1", "access denied to key k");
        Response response = peer.expectCompleted("tx1");
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMessage())
                .contains("peer refused GET_STATE")
                .contains("tx1")
                .contains("access denied to key k");
    }

    @Test
    void uncaughtPeerErrorAnswersError() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(stub.getState("k"))));
        peer.transaction("tx1", "fn");
        peer.expectRequest(ChaincodeMessage.Type.GET_STATE, "tx1", GetState.parser());
        peer.refuse("tx1", "no such namespace");
        assertThat(peer.expectError("tx1")).contains("ShimException").contains("no such namespace");
    }

    @Test
    void manyTransactionsRunConcurrentlyEachOnItsOwnThreadAndAnswersAreRoutedByTransaction() throws Exception {
        int count = 40;
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch allWaiting = new CountDownLatch(count);
        peer.connect(FakePeer.invokeOnly(stub -> {
            threads.add(Thread.currentThread().getName());
            allWaiting.countDown();
            byte[] value = stub.getState("key-" + stub.getTxId());
            return ResponseUtils.newSuccessResponse(value);
        }));
        for (int i = 0; i < count; i++) {
            peer.transaction("tx" + i, "fn");
        }
        for (int i = 0; i < count; i++) {
            peer.take(); // one GET_STATE per transaction, in any order
        }
        assertThat(allWaiting.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(count);
        for (int i = count - 1; i >= 0; i--) {
            peer.respond("tx" + i, ByteString.copyFromUtf8("value-" + i));
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            ChaincodeMessage completed = peer.take();
            assertThat(completed.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
            String payload =
                    Response.parseFrom(completed.getPayload()).getPayload().toStringUtf8();
            assertThat(payload).isEqualTo("value-" + completed.getTxid().substring(2));
            seen.add(completed.getTxid());
        }
        assertThat(seen).hasSize(count);
    }

    @Test
    void sameTransactionIdOnAnotherChannelIsAnotherTransaction() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(
                stub.getChannelId().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        peer.send(FakePeer.invocation(ChaincodeMessage.Type.TRANSACTION, "other", "tx1", "fn"));
        peer.transaction("tx1", "fn");
        Set<String> channels = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 2; i++) {
            ChaincodeMessage completed = peer.take();
            assertThat(Response.parseFrom(completed.getPayload()).getPayload().toStringUtf8())
                    .isEqualTo(completed.getChannelId());
            channels.add(completed.getChannelId());
        }
        assertThat(channels).containsExactlyInAnyOrder("other", FakePeer.CHANNEL);
    }

    @Test
    void transactionsBeyondTheConcurrencyLimitWaitForAThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        peer.connect(
                FakePeer.invokeOnly(stub -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ResponseUtils.newSuccessResponse();
                }),
                ShimConfig.of(FakePeer.CHAINCODE_ID, ShimConfig.DEFAULT_PEER_ADDRESS)
                        .withMaxConcurrency(2));
        peer.transaction("tx1", "fn");
        peer.transaction("tx2", "fn");
        peer.transaction("tx3", "fn");
        peer.expectNothing(300); // both threads busy: tx3 waits, nothing is refused
        release.countDown();
        Set<String> completed = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            ChaincodeMessage message = peer.take();
            assertThat(message.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
            completed.add(message.getTxid());
        }
        assertThat(completed).containsExactlyInAnyOrder("tx1", "tx2", "tx3");
    }

    @Test
    void malformedTransactionPayloadAnswersErrorAndTheStreamGoesOn() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()));
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.TRANSACTION)
                .setChannelId(FakePeer.CHANNEL)
                .setTxid("bad")
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .build());
        assertThat(peer.expectError("bad")).contains("not a ChaincodeInput");
        peer.transaction("good", "fn");
        assertThat(peer.expectCompleted("good").getStatus()).isEqualTo(200);
    }

    @Test
    void malformedProposalAnswersError() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()));
        peer.send(FakePeer.invocation(ChaincodeMessage.Type.TRANSACTION, FakePeer.CHANNEL, "tx1", "fn").toBuilder()
                .setProposal(org.hyperledger.fabric.protos.peer.SignedProposal.newBuilder()
                        .setProposalBytes(ByteString.copyFromUtf8("not a proposal")))
                .build());
        assertThat(peer.expectError("tx1")).contains("malformed signed proposal");
    }

    @Test
    void unknownMessageTypesAreDroppedWithoutEndingTheStream() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()));
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.GET_STATE)
                .build());
        peer.send(ChaincodeMessage.newBuilder().setTypeValue(99).build());
        peer.send(ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.REGISTERED)
                .build());
        peer.expectNothing(200);
        peer.transaction("tx1", "fn");
        assertThat(peer.expectCompleted("tx1").getStatus()).isEqualTo(200);
        assertThat(peer.streamEnded()).isFalse();
    }

    @Test
    void responseForUnknownTransactionIsAnsweredWithError() throws Exception {
        peer.connect(FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse()));
        peer.respond("ghost", ByteString.EMPTY);
        assertThat(peer.expectError("ghost")).contains("no transaction").contains("ghost");
    }

    @Test
    void streamEndFailsTheWaitingStubCall() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        ChaincodeClient client = peer.connect(FakePeer.invokeOnly(stub -> {
            try {
                stub.getState("k");
            } catch (ShimException e) {
                failed.countDown();
            }
            return ResponseUtils.newSuccessResponse();
        }));
        peer.transaction("tx1", "fn");
        peer.take();
        peer.endStream();
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(client.awaitTermination(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void stubCallWithoutAnswerTimesOut() throws Exception {
        peer.connect(
                FakePeer.invokeOnly(stub -> ResponseUtils.newSuccessResponse(stub.getState("k"))),
                ShimConfig.of(FakePeer.CHAINCODE_ID, ShimConfig.DEFAULT_PEER_ADDRESS)
                        .withPeerResponseTimeout(Duration.ofMillis(200)));
        peer.transaction("tx1", "fn");
        peer.take();
        assertThat(peer.expectError("tx1")).contains("no answer from the peer to GET_STATE");
    }
}
