package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.FakeChaincode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chaincode support's metrics under Fabric's names and labels, read from the Prometheus scrape. */
class ChaincodeMetricsTest extends ChaincodeSupportTestBase {
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    ChaincodeConfig config() {
        return super.config().withStartupTimeout(Duration.ofSeconds(3)).withExecuteTimeout(Duration.ofSeconds(1));
    }

    @AfterEach
    void releaseHangingChaincode() {
        release.countDown();
    }

    @Test
    void aSuccessfulLaunchAndTheShimRequestsOfItsTransactionsAreCounted() {
        define("good", Map.of("read", tx -> ok(tx.get("k"))));

        run("good", "read");
        run("good", "read");

        assertThat(metrics.scrape())
                .contains("chaincode_launch_duration_count{chaincode=\"good:1\",success=\"true\"} 1\n")
                .contains("chaincode_shim_requests_received{type=\"GET_STATE\",channel=\"mychannel\","
                        + "chaincode=\"good:1\"} 2\n")
                .contains("chaincode_shim_requests_completed{type=\"GET_STATE\",channel=\"mychannel\","
                        + "chaincode=\"good:1\",success=\"true\"} 2\n")
                .contains("chaincode_shim_request_duration_count{type=\"GET_STATE\",channel=\"mychannel\","
                        + "chaincode=\"good:1\",success=\"true\"} 2\n")
                .doesNotContain("chaincode_launch_failures{")
                .doesNotContain("chaincode_execute_timeouts{");
    }

    @Test
    void aLaunchThatFailsIsCountedAsAFailure() {
        definitions.put("broken", "broken:1");
        runtime.define("broken:1", id -> {
            throw new IllegalStateException("no image for " + id);
        });

        assertThatThrownBy(() -> run("broken", "x")).isInstanceOf(ChaincodeException.class);

        assertThat(metrics.scrape())
                .contains("chaincode_launch_failures{chaincode=\"broken:1\"} 1\n")
                .contains("chaincode_launch_duration_count{chaincode=\"broken:1\",success=\"false\"} 1\n")
                .doesNotContain("chaincode_launch_timeouts{");
    }

    @Test
    void aLaunchThatTimesOutIsCountedAsATimeout() {
        definitions.put("ghost", "ghost:1"); // the runtime starts nothing for it

        assertThatThrownBy(() -> run("ghost", "x"))
                .hasMessageContaining("timeout expired while starting chaincode ghost:1");

        assertThat(metrics.scrape())
                .contains("chaincode_launch_timeouts{chaincode=\"ghost:1\"} 1\n")
                .contains("chaincode_launch_duration_count{chaincode=\"ghost:1\",success=\"false\"} 1\n")
                .doesNotContain("chaincode_launch_failures{");
    }

    @Test
    void anExecuteTimeoutIsCountedAndALateRequestIsAFailedShimRequest() {
        List<ChaincodeMessage> late = new CopyOnWriteArrayList<>();
        define("hang", Map.of("forever", tx -> {
            release.await(30, TimeUnit.SECONDS);
            late.add(tx.callRaw(
                    ChaincodeMessage.Type.GET_STATE,
                    GetState.newBuilder().setKey("k").build().toByteString()));
            return ok("too late");
        }));

        assertThatThrownBy(() -> run("hang", "forever"))
                .hasMessageContaining("timeout expired while executing transaction");

        assertThat(metrics.scrape())
                .contains("chaincode_execute_timeouts{chaincode=\"hang:1\"} 1\n")
                .contains("chaincode_launch_duration_count{chaincode=\"hang:1\",success=\"true\"} 1\n");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 1);
        assertThat(late.get(0).getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
        assertThat(metrics.scrape())
                .contains("chaincode_shim_requests_completed{type=\"GET_STATE\",channel=\"mychannel\","
                        + "chaincode=\"hang:1\",success=\"false\"} 1\n");
    }
}
