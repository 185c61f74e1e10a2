package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract of {@link LedgerProvider}: create, list, reopen, remove, the lock, channel isolation. */
public abstract class LedgerProviderContractTest extends LedgerTestBase {

    @Test
    void listsCreatedChannelsAndRefusesToCreateOneTwice() {
        TestChain other = new TestChain("other");
        provider.create(other.genesis());
        assertThat(provider.channels()).containsExactly("mychannel", "other");
        assertThatThrownBy(() -> provider.create(new TestChain("other").genesis()))
                .hasMessageContaining("already exists");
        assertThat(provider.get("nochannel")).isEmpty();
    }

    @Test
    void refusesAGenesisBlockThatIsNotBlockZeroOrHasABadChannelName() {
        TestChain c = new TestChain("ok");
        c.genesis();
        assertThatThrownBy(() -> provider.create(c.blockOf(c.writes("t", "cc", Map.of("a", "1")))))
                .hasMessageContaining("genesis");
        assertThatThrownBy(() -> provider.create(new TestChain("Bad_Name").genesis()))
                .hasMessageContaining("invalid channel name");
    }

    @Test
    void theSameKeyInTwoChannelsNeverLeaks() {
        TestChain otherChain = new TestChain("other");
        ChannelLedger other = provider.create(otherChain.genesis());
        commit(chain.writes("tx1", "cc", Map.of("k", "mine")));
        other.commit(ValidatedBlock.allValid(
                otherChain.blockOf(otherChain.writes("tx1", "cc", Map.of("k", "theirs", "only-other", "x")))));
        assertThat(get("cc", "k")).isEqualTo("mine");
        try (QueryExecutor q = other.newQueryExecutor()) {
            assertThat(q.getState("cc", "k")).contains(bytes("theirs"));
        }
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(keys(q.getStateRangeScanIterator("cc", "", ""))).containsExactly("k");
        }
        // same tx id in both channels: each channel's index is its own
        assertThat(ledger.getBlockByTxId("tx1").orElseThrow().getData())
                .isNotEqualTo(other.getBlockByTxId("tx1").orElseThrow().getData());
        assertThat(ledger.historyReader().getHistoryForKey("cc", "only-other").hasNext())
                .isFalse();
    }

    @Test
    void aReopenedProviderSeesTheCommittedLedger() {
        commit(chain.writes("tx1", "cc", Map.of("k", "v")));
        long height = ledger.height();
        provider.close();
        provider = openProvider(config());
        ChannelLedger reopened = provider.get("mychannel").orElseThrow();
        assertThat(reopened.height()).isEqualTo(height);
        try (QueryExecutor q = reopened.newQueryExecutor()) {
            assertThat(q.getState("cc", "k")).contains(bytes("v"));
        }
        assertThat(reopened.getTxValidationCode("tx1")).isPresent();
    }

    @Test
    void aSecondProviderOnTheSameLedgersIsRefused() {
        assertThatThrownBy(() -> openProvider(config()))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("ledgers");
    }

    @Test
    void removeDeletesAChannelsLedger() {
        provider.create(new TestChain("gone").genesis());
        provider.remove("gone");
        assertThat(provider.channels()).containsExactly("mychannel");
        assertThat(provider.get("gone")).isEmpty();
        provider.create(new TestChain("gone").genesis());
        assertThat(provider.get("gone").orElseThrow().height()).isEqualTo(1);
    }

    @Test
    void aClosedLedgerRefusesUse() {
        ChannelLedger l = provider.get("mychannel").orElseThrow();
        QueryExecutor q = l.newQueryExecutor();
        l.close();
        assertThatThrownBy(l::height).hasMessageContaining("closed");
        assertThatThrownBy(() -> q.getState("cc", "k")).hasMessageContaining("closed");
        q.close();
        assertThat(List.of(provider.get("mychannel").orElseThrow().height())).containsExactly(1L);
    }
}
