package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Rebuild, rollback and reset replay the stored blocks; they refuse while the ledgers are open. */
class RocksDbMaintenanceTest extends LedgerTestBase {
    @Override
    protected LedgerProvider openProvider(LedgerConfig config) {
        return LedgerProvider.open(config);
    }

    private void commitHistory() {
        commit(chain.writes("t1", "cc", Map.of("a", "1", "b", "1")));
        commit(readThenWriteStale(), chain.writes("t2", "cc", Map.of("a", "2")));
        commit(chain.tx("t3", new TestChain.RwSet().delete("cc", "b").build().toByteString()));
        commit(chain.writes("t4", "cc", Map.of("c", "4")));
    }

    private com.google.protobuf.ByteString readThenWriteStale() {
        return chain.tx(
                "stale",
                new TestChain.RwSet()
                        .read("cc", "a", new Version(0, 0))
                        .write("cc", "x", "never")
                        .build()
                        .toByteString());
    }

    private String snapshot(ChannelLedger l) {
        StringBuilder sb = new StringBuilder("height=" + l.height());
        try (QueryExecutor q = l.newQueryExecutor()) {
            q.getStateRangeScanIterator("cc", "", "").forEachRemaining(kv -> sb.append(' ')
                    .append(kv.key())
                    .append('=')
                    .append(kv.value().toStringUtf8()));
        }
        for (String key : List.of("a", "b", "c", "x")) {
            List<String> h = new ArrayList<>();
            l.historyReader().getHistoryForKey("cc", key).forEachRemaining((KeyModification m) -> h.add(m.getTxId()));
            sb.append(' ').append(key).append(h);
        }
        l.getTxValidationCode("stale").ifPresent(c -> sb.append(" stale=").append(c));
        return sb.toString();
    }

    @Test
    void rebuildRecreatesStateHistoryAndIndexesFromBlocks() {
        commitHistory();
        String before = snapshot(ledger);
        provider.close();
        LedgerMaintenance.of(config()).rebuild("mychannel");
        provider = openProvider(config());
        assertThat(snapshot(provider.get("mychannel").orElseThrow())).isEqualTo(before);
        assertThat(before).contains("stale=" + TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void rollbackReturnsToAnEarlierBlockAndTheChainContinuesFromThere() {
        commit(chain.writes("t1", "cc", Map.of("a", "1")));
        String atOne = snapshot(ledger);
        commit(chain.writes("t2", "cc", Map.of("a", "2", "b", "2")));
        provider.close();
        LedgerMaintenance.of(config()).rollback("mychannel", 1);
        provider = openProvider(config());
        ChannelLedger l = provider.get("mychannel").orElseThrow();
        assertThat(snapshot(l)).isEqualTo(atOne);
        assertThat(l.getTxValidationCode("t2")).isEmpty();
        TestChain replacement = new TestChain("mychannel");
        replacement.genesis();
        replacement.blockOf(replacement.writes("t1", "cc", Map.of("a", "1")));
        l.commit(ValidatedBlock.allValid(replacement.blockOf(replacement.writes("t2b", "cc", Map.of("z", "9")))));
        assertThat(l.height()).isEqualTo(3);
    }

    @Test
    void resetKeepsOnlyTheGenesisBlock() {
        commitHistory();
        provider.close();
        LedgerMaintenance.of(config()).reset("mychannel");
        provider = openProvider(config());
        ChannelLedger l = provider.get("mychannel").orElseThrow();
        assertThat(l.height()).isEqualTo(1);
        assertThat(snapshot(l)).isEqualTo("height=1 a[] b[] c[] x[]");
    }

    @Test
    void operatorActionsRefuseWhileTheLedgersAreOpen() {
        assertThatThrownBy(() -> LedgerMaintenance.of(config()).rebuild("mychannel"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("cannot rebuild channel mychannel");
        assertThatThrownBy(() -> LedgerMaintenance.of(config()).rollback("mychannel", 0))
                .hasMessageContaining("cannot roll back channel mychannel");
    }

    @Test
    void rollbackBeyondTheLastBlockIsRefused() {
        provider.close();
        assertThatThrownBy(() -> LedgerMaintenance.of(config()).rollback("mychannel", 5))
                .hasMessageContaining("the ledger's last block is 0");
        assertThatThrownBy(() -> LedgerMaintenance.of(config()).rebuild("nochannel"))
                .hasMessageContaining("no ledger for channel nochannel");
        provider = openProvider(config());
    }
}
