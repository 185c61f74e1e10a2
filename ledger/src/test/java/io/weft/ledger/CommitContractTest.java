package io.weft.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** Contract of {@link BlockCommitter}: MVCC and phantom checks in block order, duplicates, versions. */
public abstract class CommitContractTest extends LedgerTestBase {
    private static final TxValidationCode VALID = TxValidationCode.VALID;

    private ByteString readThenWrite(String txId, String key, String value) {
        return simulate(txId, s -> {
            s.getState("cc", key);
            s.setState("cc", key, bytes(value));
        });
    }

    @Test
    void staleReadIsAnMvccConflict() {
        put("cc", "k", "v0");
        ByteString stale = readThenWrite("stale", "k", "v1");
        put("cc", "k", "v2");
        CommittedBlock block = commit(stale);
        assertThat(block.codes()).containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
        assertThat(get("cc", "k")).isEqualTo("v2");
    }

    @Test
    void contentsTheValidatorDecodedAreAppliedWithoutDecodingTheEnvelopesAgain() {
        ByteString envelope = chain.writes("decoded", "cc", Map.of("k", "from-envelope"));
        var block = chain.blockOf(envelope, chain.writes("plain", "cc", Map.of("p", "1")));
        var content = new ValidatedBlock.Content(
                "decoded",
                Timestamp.getDefaultInstance(),
                HeaderType.ENDORSER_TRANSACTION_VALUE,
                new TestChain.RwSet().write("cc", "k", "from-content").build());
        List<ValidatedBlock.Content> contents = new ArrayList<>();
        contents.add(content);
        contents.add(null); // not decoded: the ledger decodes this one itself
        CommittedBlock committed = ledger.commit(new ValidatedBlock(block, List.of(VALID, VALID), contents));
        assertThat(committed.codes()).containsExactly(VALID, VALID);
        assertThat(committed.txIds()).containsExactly("decoded", "plain");
        assertThat(get("cc", "k")).isEqualTo("from-content");
        assertThat(get("cc", "p")).isEqualTo("1");
    }

    @Test
    void contentsMustCoverEveryTransaction() {
        var block = chain.blockOf(chain.writes("a", "cc", Map.of("a", "1")), chain.writes("b", "cc", Map.of("b", "1")));
        var content = new ValidatedBlock.Content(
                "a", Timestamp.getDefaultInstance(), HeaderType.ENDORSER_TRANSACTION_VALUE, null);
        assertThatThrownBy(() -> new ValidatedBlock(block, List.of(VALID, VALID), List.of(content)))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("2 transactions but 1 decoded contents");
    }

    @Test
    void aCommittedBlockSaysHowLongItsChecksAndItsWriteTook() {
        CommittedBlock block = commit(readThenWrite("t1", "k", "v"));
        assertThat(block.timings().stateValidation()).isPositive();
        assertThat(block.timings().write()).isPositive();
    }

    @Test
    void readOfAMissingKeyConflictsOnceTheKeyExists() {
        ByteString tx = readThenWrite("t1", "k", "mine");
        put("cc", "k", "theirs");
        assertThat(commit(tx).codes()).containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
        ByteString tx2 = simulate("t2", s -> s.getState("cc", "absent"));
        assertThat(commit(tx2).codes()).containsExactly(VALID);
    }

    @Test
    void aKeyWrittenByAnEarlierValidTxOfTheSameBlockConflicts() {
        put("cc", "k", "v0");
        ByteString first = readThenWrite("first", "k", "v1");
        ByteString second = readThenWrite("second", "k", "v2");
        ByteString blind = chain.writes("blind", "cc", Map.of("k", "v3"));
        CommittedBlock block = commit(first, second, blind);
        assertThat(block.codes()).containsExactly(VALID, TxValidationCode.MVCC_READ_CONFLICT, VALID);
        assertThat(get("cc", "k")).isEqualTo("v3");
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            // version = (block, index in block counting invalid transactions)
            TxSimulator sim = ledger.newTxSimulator("probe");
            sim.getState("cc", "k");
            assertThat(sim.results().rwSet().getNsRwset(0).getRwset())
                    .isEqualTo(new TestChain.RwSet()
                            .read("cc", "k", new Version(block.number(), 2))
                            .build()
                            .getNsRwset(0)
                            .getRwset());
            sim.close();
            assertThat(q.height()).isEqualTo(block.number() + 1);
        }
    }

    @Test
    void writesOfAnEarlierInvalidTxDoNotCauseConflicts() {
        put("cc", "k", "v0");
        ByteString first = readThenWrite("first", "k", "v1");
        ByteString second = readThenWrite("second", "k", "v2");
        CommittedBlock block =
                commitWithCodes(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, VALID), first, second);
        assertThat(block.codes()).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, VALID);
        assertThat(get("cc", "k")).isEqualTo("v2");
    }

    @Test
    void insertIntoAScannedRangeIsAPhantomReadEvenWithinOneBlock() {
        commit(chain.writes("setup", "cc", Map.of("k1", "1", "k3", "3")));
        ByteString scanner = simulate("scan", s -> {
            keys(s.getStateRangeScanIterator("cc", "k0", "k9"));
            s.setState("cc", "summary", bytes("2 keys"));
        });
        ByteString inserter = chain.writes("insert", "cc", Map.of("k2", "2"));
        CommittedBlock block = commit(inserter, scanner);
        assertThat(block.codes()).containsExactly(VALID, TxValidationCode.PHANTOM_READ_CONFLICT);
        assertThat(get("cc", "summary")).isNull();
    }

    @Test
    void deleteOrUpdateInAScannedRangeIsAPhantomReadAcrossBlocks() {
        commit(chain.writes("setup", "cc", Map.of("k1", "1", "k3", "3")));
        ByteString scan1 = simulate("scan1", s -> keys(s.getStateRangeScanIterator("cc", "k0", "k9")));
        ByteString scan2 = simulate("scan2", s -> keys(s.getStateRangeScanIterator("cc", "k0", "k9")));
        ByteString scanOutside = simulate("scan3", s -> keys(s.getStateRangeScanIterator("cc", "k0", "k3")));
        commit(chain.tx("del", new TestChain.RwSet().delete("cc", "k3").build().toByteString()));
        assertThat(commit(scan1).codes()).containsExactly(TxValidationCode.PHANTOM_READ_CONFLICT);
        commit(chain.writes("upd", "cc", Map.of("k1", "changed")));
        assertThat(commit(scan2, scanOutside).codes())
                .containsExactly(TxValidationCode.PHANTOM_READ_CONFLICT, TxValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void unchangedRangeValidatesAndAnInsertBeyondAPartialScanIsNoPhantom() {
        commit(chain.writes("setup", "cc", Map.of("k1", "1", "k3", "3")));
        ByteString full = simulate("full", s -> keys(s.getStateRangeScanIterator("cc", "k0", "k9")));
        ByteString partial = simulate("partial", s -> {
            try (ResultsIterator<KeyValue> it = s.getStateRangeScanIterator("cc", "", "")) {
                it.next(); // reads k1 only: the recorded range is [, k1]
            }
        });
        commit(chain.writes("insert", "cc", Map.of("k5", "5", "zz", "z")));
        assertThat(commit(partial).codes()).containsExactly(VALID);
        assertThat(commit(full).codes()).containsExactly(TxValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void duplicateTxIdInTheSameBlockOrAnEarlierBlockIsRejected() {
        ByteString a = chain.writes("dup", "cc", Map.of("a", "1"));
        ByteString b = chain.writes("dup", "cc", Map.of("b", "2"));
        assertThat(commit(a, b).codes()).containsExactly(VALID, TxValidationCode.DUPLICATE_TXID);
        ByteString c = chain.writes("dup", "cc", Map.of("c", "3"));
        assertThat(commit(c).codes()).containsExactly(TxValidationCode.DUPLICATE_TXID);
        assertThat(get("cc", "b")).isNull();
        assertThat(get("cc", "c")).isNull();
        // the index keeps the first occurrence
        assertThat(ledger.getBlockByTxId("dup").orElseThrow().getHeader().getNumber())
                .isEqualTo(1);
        assertThat(ledger.getTxValidationCode("dup")).contains(VALID);
    }

    @Test
    void anInvalidTransactionIsIndexedWithItsCode() {
        ByteString tx = chain.writes("bad", "cc", Map.of("a", "1"));
        commitWithCodes(List.of(TxValidationCode.BAD_CREATOR_SIGNATURE), tx);
        assertThat(ledger.getTxValidationCode("bad")).contains(TxValidationCode.BAD_CREATOR_SIGNATURE);
        assertThat(get("cc", "a")).isNull();
    }

    @Test
    void metadataSurvivesAValueUpdateAndGoesWithADelete() {
        put("cc", "k", "v1");
        commit(simulate("m", s -> s.setStateMetadata("cc", "k", Map.of("VALIDATION_PARAMETER", bytes("p")))));
        put("cc", "k", "v2");
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(q.getStateMetadata("cc", "k")).containsKey("VALIDATION_PARAMETER");
        }
        commit(simulate("d", s -> s.deleteState("cc", "k")));
        put("cc", "k", "v3");
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(q.getStateMetadata("cc", "k")).isEmpty();
        }
        commit(simulate("m2", s -> s.setStateMetadata("cc", "nokey", Map.of("x", bytes("y")))));
        assertThat(get("cc", "nokey")).isNull();
    }

    @Test
    void aNamespaceMayHaveMetadataOnlyOnceAValidTransactionSetSome() {
        put("cc", "k", "v1");
        put("other", "k", "v1");
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(q.mayHaveStateMetadata("cc")).isFalse();
        }
        ByteString invalid =
                simulate("bad", s -> s.setStateMetadata("cc", "k", Map.of("VALIDATION_PARAMETER", bytes("p"))));
        commitWithCodes(List.of(TxValidationCode.ENDORSEMENT_POLICY_FAILURE), invalid);
        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(q.mayHaveStateMetadata("cc"))
                    .as("an invalid transaction sets nothing")
                    .isFalse();
        }

        commit(simulate("m", s -> s.setStateMetadata("cc", "k", Map.of("VALIDATION_PARAMETER", bytes("p")))));

        try (QueryExecutor q = ledger.newQueryExecutor()) {
            assertThat(q.mayHaveStateMetadata("cc")).isTrue();
            assertThat(q.mayHaveStateMetadata("other")).isFalse();
        }
    }

    @Test
    void aMetadataWriteChangesTheKeyVersion() {
        put("cc", "k", "v1");
        ByteString reader = readThenWrite("r", "k", "v2");
        commit(simulate("m", s -> s.setStateMetadata("cc", "k", Map.of("a", bytes("b")))));
        assertThat(commit(reader).codes()).containsExactly(TxValidationCode.MVCC_READ_CONFLICT);
    }

    @Test
    void anUnreadableRwSetMakesAValidTransactionBadRwSet() {
        ByteString garbage = chain.tx("garbage", ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01}));
        assertThat(commit(garbage).codes()).containsExactly(TxValidationCode.BAD_RWSET);
    }
}
