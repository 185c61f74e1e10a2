package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Contract of {@link HistoryReader}: valid writes of a key, newest first, with value, delete flag and tx id. */
public abstract class HistoryReaderContractTest extends LedgerTestBase {

    private List<KeyModification> history(String namespace, String key) {
        List<KeyModification> out = new ArrayList<>();
        try (ResultsIterator<KeyModification> it = ledger.historyReader().getHistoryForKey(namespace, key)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void historyIsNewestFirstWithDeletesAndOnlyValidTransactions() {
        commit(chain.writes("t1", "cc", Map.of("k", "v1")));
        commit(chain.writes("t2", "cc", Map.of("k", "v2")), chain.writes("t3", "cc", Map.of("k", "v3")));
        commitWithCodes(
                List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE), chain.writes("t4", "cc", Map.of("k", "bad")));
        commit(chain.tx("t5", new TestChain.RwSet().delete("cc", "k").build().toByteString()));
        List<KeyModification> h = history("cc", "k");
        assertThat(h).extracting(KeyModification::getTxId).containsExactly("t5", "t3", "t2", "t1");
        assertThat(h.get(0).getIsDelete()).isTrue();
        assertThat(h.get(0).getValue()).isEmpty();
        assertThat(h.get(1).getValue()).isEqualTo(bytes("v3"));
        assertThat(h.get(3).getTimestamp().getSeconds()).isPositive();
    }

    @Test
    void historiesOfKeysThatPrefixEachOtherDoNotMix() {
        String composite = CompositeKey.create("a", List.of("b"));
        commit(chain.writes("t1", "cc", Map.of("a", "1", "a\u0000", "2", composite, "3", "ab", "4")));
        commit(chain.writes("t2", "cc2", Map.of("a", "other namespace")));
        assertThat(history("cc", "a"))
                .extracting(m -> m.getValue().toStringUtf8())
                .containsExactly("1");
        assertThat(history("cc", "a\u0000"))
                .extracting(m -> m.getValue().toStringUtf8())
                .containsExactly("2");
        assertThat(history("cc", composite)).hasSize(1);
        assertThat(history("cc", "missing")).isEmpty();
    }
}
