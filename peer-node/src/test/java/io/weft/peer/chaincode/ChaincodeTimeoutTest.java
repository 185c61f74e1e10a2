package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.FakeChaincode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.ledger.TxSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** chaincode.executetimeout: a hanging chaincode fails its transaction, and nothing is released under a request. */
class ChaincodeTimeoutTest extends ChaincodeSupportTestBase {
    @Override
    ChaincodeConfig config() {
        return super.config().withExecuteTimeout(Duration.ofSeconds(1));
    }

    @BeforeEach
    void warmUp() {
        define("warm", Map.of("up", tx -> ok(tx.get("nothing"))));
        run("warm", "up");
    }

    @Test
    void aChaincodeThatNeverAnswersTimesOutAndItsContextIsCleaned() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        List<ChaincodeMessage> late = new ArrayList<>();
        define("hang", Map.of("forever", tx -> {
            tx.range("", ""); // an open iterator the timeout must close
            hang.await(30, TimeUnit.SECONDS);
            late.add(tx.callRaw(
                    ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setKey("k").build().toByteString()));
            return ok("too late");
        }));

        assertThatThrownBy(() -> run("hang", "forever"))
                .isInstanceOf(ChaincodeException.class)
                .hasMessageContaining("timeout expired while executing transaction")
                .hasMessageContaining("chaincode.executetimeout");
        hang.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 1);
        assertThat(late.get(0).getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
        assertThat(late.get(0).getPayload().toStringUtf8()).contains("no ledger context");
    }

    @Test
    void aTimeoutWaitsForTheRequestInProgressBeforeReleasingTheSimulator() throws Exception {
        define("slow", Map.of("read", tx -> ok(tx.get("block"))));
        try (TxSimulator real = ledger.newTxSimulator("slow-tx")) {
            BlockingSimulator sim = new BlockingSimulator(real);
            CompletableFuture<ChaincodeResult> result = support.executeAsync(invocation("slow", sim, "read"));
            assertThat(sim.entered.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1500); // past the 1 s execute timeout, while GET_STATE is still reading
            assertThat(result).isNotDone();
            sim.release();
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ChaincodeException.class)
                    .hasMessageContaining("timeout expired while executing transaction");
        }
    }
}
