package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.FakeChaincode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.ledger.TxSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.Test;

/** Chaincodes that fail, crash, hang, misbehave, or are many at once. */
class ChaincodeSupportFailureTest extends ChaincodeSupportTestBase {
    @Override
    ChaincodeConfig config() {
        return super.config().withStartupTimeout(Duration.ofSeconds(2));
    }

    @Test
    void chaincodeErrorsAreSimulationFailuresAndContractFailuresAreStatus500() {
        define(
                "cc",
                Map.of(
                        "boom",
                                tx -> {
                                    throw new IllegalStateException("boom");
                                },
                        "reject",
                                tx -> Response.newBuilder()
                                        .setStatus(500)
                                        .setMessage("asset 7 does not exist")
                                        .build()));

        assertThatThrownBy(() -> run("cc", "boom"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessage("transaction returned with failure: boom");
        Outcome rejected = run("cc", "reject");
        assertThat(rejected.result().response().getStatus()).isEqualTo(500);
        assertThat(rejected.result().response().getMessage()).isEqualTo("asset 7 does not exist");
    }

    @Test
    void aChaincodeThatCrashesMidTransactionFailsItAtOnceAndIsRelaunchedForTheNext() throws Exception {
        CountDownLatch crashed = new CountDownLatch(1);
        define(
                "crashy",
                Map.of(
                        "crash",
                                tx -> {
                                    tx.put("k", "v");
                                    runtime.running.get("crashy:1").crash();
                                    crashed.countDown();
                                    return null;
                                },
                        "fine", tx -> ok("alive")));
        define("other", Map.of("fine", tx -> ok("other alive")));
        assertThat(run("other", "fine").payload()).isEqualTo("other alive");

        long start = System.nanoTime();
        assertThatThrownBy(() -> run("crashy", "crash"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("chaincode stream terminated")
                .hasMessageContaining("crashy:1");
        // at once, not at the 10 s execute timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(crashed.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(run("other", "fine").payload()).isEqualTo("other alive");
        assertThat(run("crashy", "fine").payload()).isEqualTo("alive");
        assertThat(runtime.starts.get()).isEqualTo(3); // other, crashy, crashy again
    }

    @Test
    void aSecondRequestWhileOneIsPendingIsDroppedAsOnFabric() throws Exception {
        List<ChaincodeMessage> replies = new ArrayList<>();
        define("eager", Map.of("twice", tx -> {
            tx.send(tx.request(
                    ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setKey("block").build().toByteString()));
            tx.send(tx.request(
                    ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setKey("x").build().toByteString()));
            replies.add(tx.await());
            ChaincodeMessage second = tx.poll(200);
            return ok(replies.get(0).getType() + " " + (second == null ? "dropped" : "answered"));
        }));
        try (TxSimulator real = ledger.newTxSimulator("eager-tx")) {
            BlockingSimulator sim = new BlockingSimulator(real);
            // the first read stays pending on the ledger while the second request arrives, then completes
            Thread releaser = new Thread(() -> {
                try {
                    sim.entered.await(5, TimeUnit.SECONDS);
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sim.release();
            });
            releaser.start();
            ChaincodeResult result = support.execute(invocation("eager", sim, "twice"));
            releaser.join();
            assertThat(result.response().getPayload().toStringUtf8()).isEqualTo("RESPONSE dropped");
        }
    }

    @Test
    void manyConcurrentTransactionsOnOneStreamEachGetTheirOwnReadWriteSet() throws Exception {
        define("busy", Map.of("put", tx -> {
            tx.put("key-" + tx.arg(1), "value-" + tx.arg(1));
            return ok(tx.get("key-" + tx.arg(1)));
        }));
        int n = 200;
        List<TxSimulator> sims = new ArrayList<>();
        List<CompletableFuture<ChaincodeResult>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TxSimulator sim = ledger.newTxSimulator("c" + i);
            sims.add(sim);
            results.add(support.executeAsync(invocation(CHANNEL, "c" + i, "busy", sim, "put", Integer.toString(i))));
        }
        for (int i = 0; i < n; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS).response().getStatus())
                    .isEqualTo(200);
            var writes = new Outcome(results.get(i).get(), sims.get(i).results().rwSet())
                    .ns("busy")
                    .getWritesList();
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0).getKey()).isEqualTo("key-" + i);
            sims.get(i).close();
        }
        assertThat(runtime.starts.get()).isEqualTo(1);
    }

    @Test
    void aChaincodeThatNeverRegistersFailsTheLaunchAtTheStartupTimeout() {
        definitions.put("ghost", "ghost:1"); // the runtime starts nothing for it
        assertThatThrownBy(() -> run("ghost", "x"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("timeout expired while starting chaincode ghost:1 for transaction");
    }

    @Test
    void protocolViolationsEndTheStreamAndFailItsTransactions() throws Exception {
        define("rude", Map.of("bad", tx -> {
            tx.send(tx.request(ChaincodeMessage.Type.REGISTER, com.google.protobuf.ByteString.EMPTY));
            return null;
        }));
        assertThatThrownBy(() -> run("rude", "bad"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("chaincode stream terminated")
                .hasMessageContaining("broke the protocol");

        // an unknown message type number
        define("weird", Map.of("bad", tx -> {
            tx.send(tx.request(ChaincodeMessage.Type.GET_STATE, com.google.protobuf.ByteString.EMPTY).toBuilder()
                    .setTypeValue(99)
                    .build());
            return null;
        }));
        assertThatThrownBy(() -> run("weird", "bad")).hasMessageContaining("message type 99");
    }

    @Test
    void aStreamMustStartWithRegisterAndANonEmptyName() throws Exception {
        assertThat(rawStream(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.GET_STATE)
                        .build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(rawStream(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.REGISTER)
                        .build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(rawStream(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.REGISTER)
                        .setPayload(utf8("\u00ff\u00ff"))
                        .build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aSecondStreamWithTheSameIdIsRefused() throws Exception {
        define("dup", Map.of("x", tx -> ok("x")));
        run("dup", "x");
        assertThat(rawStream(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.REGISTER)
                        .setPayload(ChaincodeID.newBuilder()
                                .setName("dup:1")
                                .build()
                                .toByteString())
                        .build()))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(run("dup", "x").payload()).isEqualTo("x");
    }

    /** Opens a raw stream, sends one message, returns the status the peer ended it with. */
    private Status.Code rawStream(ChaincodeMessage first) throws Exception {
        CompletableFuture<Status.Code> ended = new CompletableFuture<>();
        StreamObserver<ChaincodeMessage> toPeer = ChaincodeSupportGrpc.newStub(channel)
                .register(new StreamObserver<>() {
                    @Override
                    public void onNext(ChaincodeMessage value) {}

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t).getCode());
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.Code.OK);
                    }
                });
        toPeer.onNext(first);
        return ended.get(5, TimeUnit.SECONDS);
    }
}
