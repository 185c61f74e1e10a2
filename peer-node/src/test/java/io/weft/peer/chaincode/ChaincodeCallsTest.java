package io.weft.peer.chaincode;

import static io.weft.peer.chaincode.FakeChaincode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ledger.TestChain;
import io.weft.ledger.TxSimulator;
import java.time.Duration;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.Test;

/** Chaincode-to-chaincode calls, events and keepalives. */
class ChaincodeCallsTest extends ChaincodeSupportTestBase {
    @Override
    ChaincodeConfig config() {
        return super.config().withKeepalive(Duration.ofMillis(50));
    }

    @Test
    void aCallOnTheSameChannelSharesTheSimulatorAndOnlyTheCallersEventCounts() {
        commit("callee", s -> s.setState("callee", "balance", utf8("10")));
        define("callee", Map.of("credit", tx -> {
            String before = tx.get("balance");
            tx.put("balance", before + "+" + tx.arg(1));
            tx.setEvent("callee-event", "ignored");
            return ok("credited " + tx.arg(1));
        }));
        define("caller", Map.of("pay", tx -> {
            tx.put("paid", "yes");
            ChaincodeMessage answer = tx.invoke("callee", "credit", "5");
            ChaincodeMessage inner = ChaincodeMessage.parseFrom(tx.ok(answer));
            Response response = Response.parseFrom(inner.getPayload());
            tx.setEvent("paid", "5");
            return ok(inner.getType() + " " + response.getStatus() + " "
                    + response.getPayload().toStringUtf8());
        }));

        Outcome out = run("caller", "pay");

        assertThat(out.payload()).isEqualTo("COMPLETED 200 credited 5");
        assertThat(out.namespaces()).containsExactly("callee", "caller");
        assertThat(out.ns("callee").getWrites(0).getValue().toStringUtf8()).isEqualTo("10+5");
        assertThat(out.ns("callee").getReads(0).getKey()).isEqualTo("balance");
        assertThat(out.ns("caller").getWrites(0).getKey()).isEqualTo("paid");
        ChaincodeEvent event = out.result().event().orElseThrow();
        assertThat(event.getEventName()).isEqualTo("paid");
        assertThat(event.getChaincodeId()).isEqualTo("caller");
        assertThat(event.getTxId()).isNotEmpty();
    }

    @Test
    void aCalleeErrorComesBackAsItsErrorMessageAndUnknownTargetsAsAnError() {
        define("failing", Map.of("fail", tx -> {
            throw new IllegalStateException("callee says no");
        }));
        define("caller", Map.of("call", tx -> {
            ChaincodeMessage inner = ChaincodeMessage.parseFrom(tx.ok(tx.invoke("failing:1.0", "fail")));
            ChaincodeMessage unknown = tx.invoke("nobody", "x");
            return ok(inner.getType() + " " + inner.getPayload().toStringUtf8() + " | " + unknown.getType() + " "
                    + unknown.getPayload().toStringUtf8());
        }));

        assertThat(run("caller", "call").payload())
                .startsWith("ERROR callee says no | ERROR INVOKE_CHAINCODE failed: transaction ID: ")
                .contains("chaincode nobody is not defined on channel mychannel");
    }

    @Test
    void aCallToAnotherChannelReadsThereAndItsWritesAreDiscarded() {
        TestChain chain2 = new TestChain("other");
        var other = ledgers.create(chain2.genesis());
        try (TxSimulator seed = other.newTxSimulator("seed")) {
            seed.setState("ledgercc", "remote", utf8("far away"));
            other.commit(io.weft.ledger.ValidatedBlock.allValid(chain2.blockOf(chain2.tx("seed", seed.results()))));
        }
        define("ledgercc", Map.of("read", tx -> {
            tx.put("remote-write", "dropped");
            return ok(tx.get("remote"));
        }));
        define("caller", Map.of("call", tx -> {
            ChaincodeMessage inner = ChaincodeMessage.parseFrom(tx.ok(tx.invoke("ledgercc/other", "read")));
            return ok(Response.parseFrom(inner.getPayload()).getPayload().toStringUtf8());
        }));

        Outcome out = run("caller", "call");

        assertThat(out.payload()).isEqualTo("far away");
        assertThat(out.namespaces()).isEmpty();
    }

    @Test
    void aChaincodeCannotCallItselfInTheSameTransaction() {
        define("narcissus", Map.of("self", tx -> {
            ChaincodeMessage answer = tx.invoke("narcissus", "self");
            return ok(answer.getType() + " " + answer.getPayload().toStringUtf8());
        }));

        assertThat(run("narcissus", "self").payload())
                .startsWith("ERROR INVOKE_CHAINCODE failed")
                .contains("already executing");
    }

    @Test
    void thePeerSendsKeepalivesAndIgnoresTheChaincodes() {
        define("alive", Map.of("ping", tx -> {
            tx.send(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.KEEPALIVE)
                    .build());
            return ok(tx.get("nothing"));
        }));

        assertThat(run("alive", "ping").result().response().getStatus()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runtime.running.get("alive:1").keepalives.get() >= 2);
    }
}
